import { io, type Socket } from 'socket.io-client';
import { scriptedNegotiators } from '../../shared/agents/scripted/catalogue';
import type { Negotiator, NegotiatorView } from '../../shared/agents/negotiator';
import type { Act } from '../../shared/dialogue/acts';
import type { Turn } from '../../shared/dialogue/dialogue';
import { getDomain } from '../../shared/domain/domains';
import type { Ack } from '../../shared/protocol/ack';
import type {
  ActAckData,
  DialogueActEvent,
  SelectAckData,
  TaskView,
} from '../../shared/protocol/annotation';
import type {
  ClientToServerEvents,
  ServerToClientEvents,
} from '../../shared/protocol/socketContract';
import { createRng, type Rng } from '../../shared/random/rng';

type AnnotateSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/** What one simulated crowd worker measured and what the server acknowledged to it. */
export interface AnnotatorTally {
  sessionsCompleted: number;
  acts: number;
  /** Milliseconds from sending Bob's act to receiving Alice's reply. */
  replyLatenciesMs: number[];
  /**
   * Replies that did not come within the wait (also counted as `alice_reply_timeout` errors):
   * each waited at least the wait, so the latency percentiles count them at that value.
   */
  replyTimeouts: number;
  claimLatenciesMs: number[];
  /** Claims that found the queue empty (the annotator waited instead of playing). */
  emptyClaims: number;
  /** Errors by code (ack errors, timeouts, disconnects). */
  errors: Record<string, number>;
  /** Every act the server acknowledged: it must be in the database afterwards. */
  acked: { taskId: string; seq: number }[];
}

export function emptyTally(): AnnotatorTally {
  return {
    sessionsCompleted: 0,
    acts: 0,
    replyLatenciesMs: [],
    replyTimeouts: 0,
    claimLatenciesMs: [],
    emptyClaims: 0,
    errors: {},
    acked: [],
  };
}

export interface AnnotatorOptions {
  baseUrl: string;
  cookie: string;
  /** Stop claiming new tasks after this moment (a dialogue under way is finished). */
  deadline: number;
  /** A human's reading and typing time before each act, jittered by ±50 %. */
  thinkMs: number;
  seed: number;
  /** Give up waiting for one reply after this long (counted as an error). */
  replyTimeoutMs?: number;
}

/** How long a simulated annotator waits for Alice's reply before counting it as a failure. */
export const defaultReplyTimeoutMs = 10_000;

/** The error code of a reply that did not come within the wait. */
export const replyTimeoutCode = 'alice_reply_timeout';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * One simulated crowd worker over a real Socket.IO connection: claims tasks and plays each to
 * its end in Bob's seat (a scripted negotiator chooses the acts from Bob's view only), timing
 * claims and Alice's replies, until the deadline.
 */
export async function runSimulatedAnnotator(options: AnnotatorOptions): Promise<AnnotatorTally> {
  const tally = emptyTally();
  const fail = (code: string) => {
    tally.errors[code] = (tally.errors[code] ?? 0) + 1;
  };
  const rng = createRng(options.seed);
  const socket: AnnotateSocket = io(`${options.baseUrl}/annotate`, {
    transports: ['websocket'],
    extraHeaders: { cookie: options.cookie },
    forceNew: true,
    reconnection: false,
  });
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', () => resolve());
    socket.once('connect_error', reject);
  });
  socket.on('disconnect', () => fail('disconnected'));
  const replies = new ReplyWaiter(socket);
  try {
    while (Date.now() < options.deadline && socket.connected) {
      const claimStart = performance.now();
      const claim = await emit<TaskView | null>(socket, 'task:claim', {});
      if (!claim.ok) {
        fail(claim.error.code);
        await sleep(200);
        continue;
      }
      tally.claimLatenciesMs.push(performance.now() - claimStart);
      if (claim.data === null) {
        // The queue is empty: a real worker would wait for `queue:available`.
        tally.emptyClaims += 1;
        await sleep(250);
        continue;
      }
      const finished = await playTask(socket, claim.data, options, rng, replies, tally, fail);
      if (finished) {
        tally.sessionsCompleted += 1;
      }
    }
  } finally {
    socket.off('disconnect');
    socket.close();
  }
  return tally;
}

/** Plays one claimed task to its end; false when it could not be finished. */
async function playTask(
  socket: AnnotateSocket,
  view: TaskView,
  options: AnnotatorOptions,
  rng: Rng,
  replies: ReplyWaiter,
  tally: AnnotatorTally,
  fail: (code: string) => void,
): Promise<boolean> {
  const domain = getDomain(view.domain);
  const bob: Negotiator = scriptedNegotiators.conceder.create(rng);
  const turns: Turn[] = view.history.map((h) => ({
    speaker: h.speaker === 'alice' ? 0 : 1,
    act: h.act,
  }));
  const negotiatorView = (): NegotiatorView => ({
    domain,
    counts: view.counts,
    utilities: view.utilities,
    me: 1,
    turns,
  });
  let acting = view.phase === 'negotiating' && view.nextSpeaker === 'bob';
  let selecting = view.phase === 'selecting';
  let seq = 0;
  const timeout = options.replyTimeoutMs ?? defaultReplyTimeoutMs;
  while (acting) {
    await sleep(options.thinkMs * (0.5 + rng.next()));
    const act: Act = bob.act(negotiatorView());
    seq += 1;
    const endsActs =
      act.type === 'end' || act.type === 'walkaway' || turns.length + 1 >= view.maxTurns;
    const reply = endsActs ? null : replies.next(view.taskId, timeout);
    const sent = performance.now();
    const ack = await emit<ActAckData>(socket, 'dialogue:act', { taskId: view.taskId, seq, act });
    if (!ack.ok) {
      reply?.cancel();
      fail(ack.error.code);
      return false;
    }
    tally.acts += 1;
    tally.acked.push({ taskId: view.taskId, seq });
    turns.push({ speaker: 1, act });
    if (act.type === 'walkaway') {
      return true;
    }
    if (reply === null) {
      selecting = act.type === 'end' || turns.length >= view.maxTurns;
      break;
    }
    const alice = await reply.promise;
    if (alice === null) {
      // Not dropped: an error of its own, and a latency of at least the wait (see summarise).
      tally.replyTimeouts += 1;
      fail(replyTimeoutCode);
      return false;
    }
    tally.replyLatenciesMs.push(performance.now() - sent);
    turns.push({ speaker: 0, act: alice.act });
    if (alice.act.type === 'walkaway') {
      return true;
    }
    acting = alice.act.type !== 'end' && turns.length < view.maxTurns;
    selecting = !acting;
  }
  if (!selecting) {
    return false;
  }
  await sleep(options.thinkMs * (0.5 + rng.next()));
  const selection = await emit<SelectAckData>(socket, 'dialogue:select', {
    taskId: view.taskId,
    allocation: bob.select(negotiatorView()),
  });
  if (!selection.ok) {
    fail(selection.error.code);
    return false;
  }
  return true;
}

/** The server's acknowledgement, or `ack_timeout` (a code of the bench's own) without one. */
type BenchAck<T> = Ack<T> | { ok: false; error: { code: 'ack_timeout'; message: string } };

function emit<T>(
  socket: AnnotateSocket,
  event: keyof ClientToServerEvents,
  payload: unknown,
): Promise<BenchAck<T>> {
  return (
    socket.timeout(15_000) as unknown as {
      emitWithAck(event: string, payload: unknown): Promise<Ack<T>>;
    }
  )
    .emitWithAck(event, payload)
    .catch((): BenchAck<T> => ({
      ok: false,
      error: { code: 'ack_timeout', message: 'no ack in 15 s' },
    }));
}

/**
 * Alice's replies arrive as `dialogue:act` events, possibly before the ack of the act they
 * answer has been processed here; a waiter is registered before Bob's act is sent.
 */
class ReplyWaiter {
  private waiting: { taskId: string; resolve: (event: DialogueActEvent | null) => void } | null =
    null;

  constructor(socket: AnnotateSocket) {
    socket.on('dialogue:act', (event) => {
      if (event.speaker === 'alice' && this.waiting?.taskId === event.taskId) {
        const { resolve } = this.waiting;
        this.waiting = null;
        resolve(event);
      }
    });
  }

  next(taskId: string, timeoutMs: number) {
    let timer: NodeJS.Timeout | undefined;
    const promise = new Promise<DialogueActEvent | null>((resolve) => {
      timer = setTimeout(() => {
        this.waiting = null;
        resolve(null);
      }, timeoutMs);
      this.waiting = {
        taskId,
        resolve: (event) => {
          clearTimeout(timer);
          resolve(event);
        },
      };
    });
    return {
      promise,
      cancel: () => {
        clearTimeout(timer);
        this.waiting = null;
      },
    };
  }
}
