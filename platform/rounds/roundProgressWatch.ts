import type { Connection } from 'mongoose';
import type { Logger } from '../logger';
import { roundModel, type Round } from './roundModel';
import { progressEvent } from './roundPresenter';
import type { RoundNotifier } from './roundService';

/** Rounds changed this long before the last one seen are looked at again (clock skew, races). */
const overlapMs = 2_000;

/**
 * Workers write progress into round documents from other processes, and this database has no
 * change streams, so the server polls for rounds whose `updatedAt` moved and pushes their
 * `round:progress`. The service's own status changes go through the same `notify`, which drops
 * an event identical to the last one pushed for that round: a change is pushed once, whoever
 * notices it first.
 */
export function createRoundProgressWatch(
  connection: Connection,
  push: RoundNotifier,
  log: Logger,
  intervalMs: number,
) {
  const rounds = roundModel(connection);
  const lastPushed = new Map<string, { key: string; at: number }>();
  let since = new Date();
  let timer: NodeJS.Timeout | null = null;
  let polling = false;

  const notify: RoundNotifier = (ownerId, event, at) => {
    const key = JSON.stringify(event);
    const last = lastPushed.get(event.roundId);
    const time = at?.getTime() ?? Date.now();
    // Identical to what was pushed, or read before a change already pushed: not news.
    if (last !== undefined && (last.key === key || time < last.at)) {
      return;
    }
    lastPushed.set(event.roundId, { key, at: time });
    push(ownerId, event);
  };

  async function poll(): Promise<void> {
    const changed = await rounds
      // A draft has no progress; its launch is pushed by the service.
      .find({
        updatedAt: { $gte: new Date(since.getTime() - overlapMs) },
        status: { $ne: 'draft' },
      })
      .sort({ updatedAt: 1 })
      .limit(1_000)
      .lean<Round[]>()
      .exec();
    for (const round of changed) {
      notify(round.owner, progressEvent(round), round.updatedAt);
      if (round.updatedAt > since) {
        since = round.updatedAt;
      }
    }
  }

  function start(): void {
    timer ??= setInterval(() => {
      if (polling) {
        return;
      }
      polling = true;
      poll()
        .catch((error: unknown) => log.warn({ err: error }, 'round progress poll failed'))
        .finally(() => {
          polling = false;
        });
    }, intervalMs);
    timer.unref();
  }

  function stop(): void {
    if (timer !== null) {
      clearInterval(timer);
      timer = null;
    }
  }

  return { notify, poll, start, stop };
}
