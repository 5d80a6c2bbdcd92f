import { io, type Socket } from 'socket.io-client';
import type { Ack } from '../../../shared/protocol/ack';
import {
  annotateNamespace,
  type ClientToServerEvents,
  type ServerToClientEvents,
} from '../../../shared/protocol/socketContract';

export type AnnotateSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/** The `/annotate` socket of this page; the session cookie authenticates it (same origin). */
export function connectAnnotate(): AnnotateSocket {
  return io(annotateNamespace, { withCredentials: true, reconnectionDelayMax: 4_000 });
}

type Payload<E extends keyof ClientToServerEvents> = Parameters<ClientToServerEvents[E]>[0];
type AckData<E extends keyof ClientToServerEvents> = Parameters<
  ClientToServerEvents[E]
>[1] extends (ack: Ack<infer T>) => void
  ? T
  : never;

export type Answer<T> = Ack<T> | { ok: false; error: { code: 'timeout'; message: string } };

/** Emits a client event and resolves with its ack, or a timeout error (never rejects). */
export async function ask<E extends keyof ClientToServerEvents>(
  socket: AnnotateSocket,
  event: E,
  payload: Payload<E>,
  timeoutMs = 10_000,
): Promise<Answer<AckData<E>>> {
  try {
    // The typed emitWithAck cannot see through the generic event name; the contract types the
    // payload and the answer above.
    const timed = socket.timeout(timeoutMs) as unknown as {
      emitWithAck: (event: E, payload: Payload<E>) => Promise<Ack<AckData<E>>>;
    };
    return await timed.emitWithAck(event, payload);
  } catch {
    return { ok: false, error: { code: 'timeout', message: `no answer to ${event}` } };
  }
}
