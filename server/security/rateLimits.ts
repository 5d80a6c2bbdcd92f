import type { RequestHandler } from 'express';
import { rateLimit } from 'express-rate-limit';
import { RateLimitedError } from '../../platform/errors';
import type { ClientEventName } from '../../shared/protocol/socketContract';

/**
 * Sign-in and study entry, per client address per minute (express-rate-limit, memory store:
 * each server process counts its own clients; behind a load balancer with sticky sessions
 * that is per process, which the limit's generous default allows for).
 */
export function authRateLimit(perMinute: number): RequestHandler {
  return rateLimit({
    windowMs: 60_000,
    limit: perMinute,
    standardHeaders: 'draft-7',
    legacyHeaders: false,
    handler: (_req, _res, next) =>
      next(new RateLimitedError('Too many sign-in attempts from this address; wait a minute.')),
  });
}

/**
 * A fixed-window counter per key (the user id of a socket event). Counting in memory is enough
 * for a per-process limit; the state is one small entry per active user, dropped when stale.
 */
export function createKeyedLimiter(perMinute: number, windowMs = 60_000) {
  const windows = new Map<string, { start: number; count: number }>();
  let lastSweep = Date.now();
  return {
    /** Counts one use; false when the key has used up its window. */
    take(key: string, now = Date.now()): boolean {
      if (now - lastSweep > windowMs) {
        for (const [k, w] of windows) {
          if (now - w.start >= windowMs) {
            windows.delete(k);
          }
        }
        lastSweep = now;
      }
      const current = windows.get(key);
      if (current === undefined || now - current.start >= windowMs) {
        windows.set(key, { start: now, count: 1 });
        return true;
      }
      current.count++;
      return current.count <= perMinute;
    },
  };
}
export type KeyedLimiter = ReturnType<typeof createKeyedLimiter>;

/**
 * The limiter of every annotation event (a new event must be given one here): claims and ASTRA suggestions (a linear
 * program each) have their own budgets; acts, selections, resume, heartbeat and abandon share
 * one. Per user, so that several tabs or sockets do not multiply it.
 */
export function eventLimiters(limits: {
  claimsPerMinute: number;
  suggestionsPerMinute: number;
  eventsPerMinute: number;
}): Record<ClientEventName, KeyedLimiter> {
  const shared = createKeyedLimiter(limits.eventsPerMinute);
  return {
    'task:claim': createKeyedLimiter(limits.claimsPerMinute),
    'astra:suggest': createKeyedLimiter(limits.suggestionsPerMinute),
    'task:resume': shared,
    'task:heartbeat': shared,
    'task:abandon': shared,
    'dialogue:act': shared,
    'dialogue:select': shared,
    'evaluation:rate': shared,
  };
}
