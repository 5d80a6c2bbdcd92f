import type { Connection } from 'mongoose';
import type { Logger } from '../../platform/logger';
import {
  socketEventModel,
  socketEventSequenceModel,
  type SocketEvent,
} from '../../platform/cluster/socketEventModel';

/** What the log delivers to: one adapter per Socket.IO namespace of this process. */
export interface SocketEventReceiver {
  readonly nspName: string;
  readonly serverUid: string;
  receiveMessage(payload: unknown, offset: string): void;
  receiveResponse(payload: unknown): void;
}

export interface SocketEventLogOptions {
  /** How often the log is read for other servers' messages. */
  pollMs: number;
  /** How long a hole in the sequence is waited for (a writer between counter and insert). */
  gapWaitMs: number;
  /** Messages older than this are swept. */
  retentionMs: number;
  log: Logger;
}

const sequenceId = 'socketEvents';
/** At most this many skipped numbers are looked for at once. */
const maxLate = 1_000;

/**
 * The Socket.IO cluster's message log in MongoDB, read by polling. The embedded database has
 * neither change streams nor capped collections (what @socket.io/mongo-adapter needs), so each
 * message takes a cluster-wide sequence number from a counter document and every server reads
 * the log in sequence order. A number taken but not yet inserted leaves a hole: reading stops
 * there for up to `gapWaitMs`, so a slow writer's message keeps its order, and a writer that died
 * between the two writes does not stall the cluster; a message that arrives after its hole was
 * passed is still delivered, late.
 */
export class SocketEventLog {
  private readonly events;
  private readonly sequence;
  private readonly receivers = new Set<SocketEventReceiver>();
  private cursor = 0;
  private gapSince: number | null = null;
  /**
   * Numbers skipped over after `gapWaitMs`, with when to stop looking for them: a writer slowed
   * down (a loaded machine) may still insert its message, which is then delivered late rather
   * than lost. A writer that died never does, and its number is dropped after `retentionMs`.
   */
  private readonly late = new Map<number, number>();
  private timer: NodeJS.Timeout | null = null;
  private lastSweep = 0;
  private stopped = false;
  /** The poll under way, so that stopping waits for it before the database is closed. */
  private polling: Promise<void> | null = null;

  constructor(
    connection: Connection,
    private readonly options: SocketEventLogOptions,
  ) {
    this.events = socketEventModel(connection);
    this.sequence = socketEventSequenceModel(connection);
  }

  /** Starts reading after the newest message: a server joining does not replay the past. */
  async start(): Promise<void> {
    const newest = await this.events.findOne({}, { _id: 1 }).sort({ _id: -1 }).lean();
    this.cursor = newest?._id ?? 0;
    this.schedule();
  }

  /** Stops polling; resolves once a poll under way has ended. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer !== null) {
      clearTimeout(this.timer);
    }
    await this.polling;
  }

  register(receiver: SocketEventReceiver): void {
    this.receivers.add(receiver);
  }

  unregister(receiver: SocketEventReceiver): void {
    this.receivers.delete(receiver);
  }

  /** Appends a message (to every server) or a response (to `to`); resolves with its number. */
  async append(entry: {
    nsp: string;
    kind: SocketEvent['kind'];
    to: string | null;
    payload: unknown;
  }): Promise<number> {
    try {
      const counter = await this.sequence
        .findOneAndUpdate({ _id: sequenceId }, { $inc: { n: 1 } }, { upsert: true, new: true })
        .lean();
      if (counter === null) {
        throw new Error('the socket event sequence could not be advanced');
      }
      await this.events.create({
        _id: counter.n,
        nsp: entry.nsp,
        kind: entry.kind,
        to: entry.to,
        payload: JSON.stringify(entry.payload),
        at: new Date(),
      });
      return counter.n;
    } catch (error) {
      // socket.io-adapter only debug-logs a failed publish: a lost disconnect order would go
      // unseen (the other servers keep a revoked user's sockets).
      this.options.log.warn({ err: error, nsp: entry.nsp }, 'socket event not written');
      throw error;
    }
  }

  private schedule(): void {
    if (this.stopped) {
      return;
    }
    this.timer = setTimeout(() => {
      this.polling = this.poll()
        .catch((error: unknown) =>
          this.options.log.warn({ err: error }, 'socket event poll failed'),
        )
        .finally(() => {
          this.polling = null;
          this.schedule();
        });
    }, this.options.pollMs);
    this.timer.unref();
  }

  private async poll(): Promise<void> {
    await this.deliverLate();
    const batch = await this.events
      .find({ _id: { $gt: this.cursor } })
      .sort({ _id: 1 })
      .limit(1000)
      .lean<SocketEvent[]>();
    for (const event of batch) {
      if (event._id !== this.cursor + 1) {
        const now = Date.now();
        this.gapSince ??= now;
        if (now - this.gapSince < this.options.gapWaitMs) {
          break;
        }
        this.options.log.warn(
          { from: this.cursor + 1, to: event._id - 1 },
          'socket events not written yet: going on, and delivering them late if they come',
        );
        for (let id = this.cursor + 1; id < event._id && this.late.size < maxLate; id++) {
          this.late.set(id, now + this.options.retentionMs);
        }
      }
      this.gapSince = null;
      this.cursor = event._id;
      this.deliver(event);
    }
    await this.sweep();
  }

  private async deliverLate(): Promise<void> {
    if (this.late.size === 0) {
      return;
    }
    const arrived = await this.events
      .find({ _id: { $in: [...this.late.keys()] } })
      .sort({ _id: 1 })
      .lean<SocketEvent[]>();
    for (const event of arrived) {
      this.late.delete(event._id);
      this.deliver(event);
    }
    const now = Date.now();
    for (const [id, until] of this.late) {
      if (until <= now) {
        this.late.delete(id);
      }
    }
  }

  private deliver(event: SocketEvent): void {
    const payload = JSON.parse(event.payload) as unknown;
    for (const receiver of this.receivers) {
      if (receiver.nspName !== event.nsp) {
        continue;
      }
      if (event.kind === 'message') {
        receiver.receiveMessage(payload, String(event._id));
      } else if (event.to === receiver.serverUid) {
        receiver.receiveResponse(payload);
      }
    }
  }

  private async sweep(): Promise<void> {
    const now = Date.now();
    if (now - this.lastSweep < 10_000) {
      return;
    }
    this.lastSweep = now;
    await this.events.deleteMany({ at: { $lt: new Date(now - this.options.retentionMs) } });
  }
}
