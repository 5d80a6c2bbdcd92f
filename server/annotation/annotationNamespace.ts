import type { Connection } from 'mongoose';
import type { Namespace, Server } from 'socket.io';
import type { z } from 'zod';
import type { Ack } from '../../shared/protocol/ack';
import {
  actPayloadSchema,
  claimPayloadSchema,
  selectPayloadSchema,
  taskRefPayloadSchema,
} from '../../shared/protocol/annotation';
import type { ErrorBody } from '../../shared/protocol/errorCodes';
import { ratePayloadSchema } from '../../shared/protocol/evaluation';
import {
  annotateNamespace,
  clientEventNames,
  type ClientEventName,
  type ClientToServerEvents,
  type ServerToClientEvents,
  type SocketData,
} from '../../shared/protocol/socketContract';
import type { Authentication } from '../auth/authentication';
import type { SessionUser } from '../../platform/auth/sessionUser';
import { toAppError } from '../http/appErrorOf';
import { RateLimitedError } from '../../platform/errors';
import type { Logger } from '../../platform/logger';
import type { KeyedLimiter } from '../security/rateLimits';
import { userRoom } from '../sockets/credentialRooms';
import type { AnnotationService } from '../../platform/annotation/annotationService';
import type { AnnotationNotifier } from '../../platform/annotation/notifier';
import { socketAuthentication, type AnnotateSocket } from './socketAuth';

type AckData<E extends ClientEventName> = Parameters<ClientToServerEvents[E]>[1] extends (
  response: Ack<infer T>,
) => void
  ? T
  : never;

interface Handler<E extends ClientEventName> {
  schema: z.ZodType<Parameters<ClientToServerEvents[E]>[0]>;
  run(
    user: SessionUser,
    payload: Parameters<ClientToServerEvents[E]>[0],
    socket: AnnotateSocket,
  ): Promise<AckData<E>>;
  /**
   * Work that follows the ack (Alice's reply follows the acknowledgement of Bob's act); a
   * string result names who replied, for the reply-latency metric.
   */
  after?(user: SessionUser, payload: Parameters<ClientToServerEvents[E]>[0]): Promise<unknown>;
}

/** Where socket timings go (server/metrics); absent in tests that do not look. */
export interface AnnotateTimings {
  /** An event from receipt to ack; outcome is `ok` or the error code. */
  event(event: ClientEventName, outcome: string, seconds: number): void;
  /** Bob's act received → Alice's reply stored and sent. */
  aliceReply(agent: string, seconds: number): void;
}

const waitingRoom = 'waiting';

export type AnnotateNamespace = Namespace<
  ClientToServerEvents,
  ServerToClientEvents,
  Record<string, never>,
  SocketData
>;

export function annotateNamespaceOf(io: Server): AnnotateNamespace {
  return io.of(annotateNamespace) as AnnotateNamespace;
}

/** Reaches every socket of a worker through their room (all tabs, any server with an adapter). */
export function socketNotifier(nsp: AnnotateNamespace): AnnotationNotifier {
  return {
    act: (workerId, event) => void nsp.to(userRoom(workerId)).emit('dialogue:act', event),
    ended: (workerId, event) => void nsp.to(userRoom(workerId)).emit('task:ended', event),
    expired: (workerId, event) => void nsp.to(userRoom(workerId)).emit('task:expired', event),
  };
}

/** Tells workers whose last claim found nothing that there is work again. */
export function announceWork(nsp: AnnotateNamespace): void {
  nsp.to(waitingRoom).emit('queue:available');
  nsp.in(waitingRoom).socketsLeave(waitingRoom);
}

/**
 * `/annotate`: every client event is validate (zod, strict) → authorize (the connection's user
 * may annotate; the service checks the lease is theirs) → service → ack. Errors become
 * `{ ok: false, error: { code, message } }` with the same codes as the REST API.
 */
export function registerAnnotationNamespace(
  nsp: AnnotateNamespace,
  deps: {
    connection: Connection;
    auth: Authentication;
    service: AnnotationService;
    log: Logger;
    /**
     * Per-user limits of the events that cost work (`eventLimiters`); an event without one is
     * unlimited.
     */
    limiters?: Partial<Record<ClientEventName, KeyedLimiter>>;
    timings?: AnnotateTimings;
  },
): void {
  const { service } = deps;
  const handlers: { [E in ClientEventName]: Handler<E> } = {
    'task:claim': {
      schema: claimPayloadSchema,
      run: async (user, _payload, socket) => {
        const view = await service.claim(user.id);
        if (view === null) {
          await socket.join(waitingRoom);
        }
        return view;
      },
    },
    'task:resume': {
      schema: taskRefPayloadSchema,
      run: (user, p) => service.resume(user.id, p.taskId),
    },
    'task:heartbeat': {
      schema: taskRefPayloadSchema,
      run: (user, p) => service.heartbeat(user.id, p.taskId),
    },
    'task:abandon': {
      schema: taskRefPayloadSchema,
      run: (user, p) => service.abandon(user.id, p.taskId),
    },
    'dialogue:act': {
      schema: actPayloadSchema,
      run: (user, p) => service.act(user.id, p),
      after: (user, p) => service.aliceMove(user.id, p.taskId),
    },
    'dialogue:select': {
      schema: selectPayloadSchema,
      run: async (user, p) => {
        await service.select(user.id, p);
        return { ended: true };
      },
    },
    'astra:suggest': {
      schema: taskRefPayloadSchema,
      run: (user, p) => service.suggest(user.id, p.taskId),
    },
    'evaluation:rate': {
      schema: ratePayloadSchema,
      run: (user, p) => service.rate(user.id, p),
    },
  };

  nsp.use(socketAuthentication(deps.connection, deps.auth, deps.log));
  // Sockets join their user's room through the revocation registry (server/sockets).
  nsp.on('connection', (socket) => {
    for (const event of clientEventNames) {
      listen(socket, event, handlers[event], deps.log, deps.timings, deps.limiters?.[event]);
    }
  });
}

function listen(
  socket: AnnotateSocket,
  event: ClientEventName,
  handler: Handler<ClientEventName>,
  log: Logger,
  timings: AnnotateTimings | undefined,
  limiter: KeyedLimiter | undefined,
) {
  // Registered untyped: clients may send anything, and the schema is the only judge.
  (socket as unknown as { on(event: string, listener: (...args: unknown[]) => void): void }).on(
    event,
    (...args: unknown[]) => {
      const ack =
        typeof args.at(-1) === 'function' ? (args.pop() as (response: unknown) => void) : null;
      const user = socket.data.user;
      const receivedAt = performance.now();
      const seconds = () => (performance.now() - receivedAt) / 1000;
      void (async () => {
        let response: Ack<unknown>;
        let succeeded = false;
        let payload: unknown;
        try {
          // Counted before validation: a flood of malformed events costs work too.
          if (limiter !== undefined && !limiter.take(user.id)) {
            throw new RateLimitedError(`Too many ${event} events; wait a minute and try again.`);
          }
          payload = handler.schema.parse(args[0]);
          response = { ok: true, data: await handler.run(user, payload as never, socket) };
          succeeded = true;
        } catch (error) {
          response = { ok: false, error: ackError(error, log, { event, userId: user.id }) };
        }
        ack?.(response);
        timings?.event(event, response.ok ? 'ok' : response.error.code, seconds());
        if (succeeded && handler.after !== undefined) {
          const replied = await handler
            .after(user, payload as never)
            .catch((error: unknown) =>
              log.error(
                { err: error, event, userId: user.id },
                'follow-up of a socket event failed',
              ),
            );
          if (typeof replied === 'string') {
            timings?.aliceReply(replied, seconds());
          }
        }
      })();
    },
  );
}

function ackError(error: unknown, log: Logger, context: Record<string, unknown>): ErrorBody {
  const known = toAppError(error);
  if (known === null) {
    log.error({ err: error, ...context }, 'unhandled error in a socket event');
    return { code: 'internal', message: 'Internal server error.' };
  }
  if (known.status >= 500) {
    log.warn({ err: error, ...context }, known.message);
  }
  return known.details === undefined
    ? { code: known.code, message: known.message }
    : { code: known.code, message: known.message, details: known.details };
}
