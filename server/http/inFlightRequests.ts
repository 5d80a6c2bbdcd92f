import type http from 'node:http';

export interface InFlightRequests {
  /** Requests whose handler has not yet ended its response. */
  count(): number;
  /** Resolves true once none is in flight, or false after `timeoutMs` (a handler that hangs). */
  idle(timeoutMs: number): Promise<boolean>;
}

/**
 * Counts the HTTP requests a server is still handling, so that shutdown closes the database
 * only after their handlers are done. A request counts until its handler calls `res.end` (and
 * whatever wraps it, such as the session save, has finished), even when the client has gone:
 * a load generator that stops leaves handlers running on the database. Socket.IO's own
 * transport requests are left out; closing Socket.IO ends them.
 */
export function trackInFlightRequests(server: http.Server): InFlightRequests {
  let inFlight = 0;
  let waiters: (() => void)[] = [];
  const settle = () => {
    if (inFlight === 0) {
      const done = waiters;
      waiters = [];
      done.forEach((wake) => wake());
    }
  };
  // Prepended, so this wraps `res.end` first and every later wrapper (the session's) calls it.
  server.prependListener('request', (req: http.IncomingMessage, res: http.ServerResponse) => {
    if (req.url?.startsWith('/socket.io/') === true) {
      return;
    }
    inFlight += 1;
    let ended = false;
    const end = res.end.bind(res) as (...args: unknown[]) => http.ServerResponse;
    res.end = ((...args: unknown[]) => {
      if (!ended) {
        ended = true;
        inFlight -= 1;
        settle();
      }
      return end(...args);
    }) as typeof res.end;
  });
  return {
    count: () => inFlight,
    idle: (timeoutMs) =>
      new Promise<boolean>((resolve) => {
        if (inFlight === 0) {
          resolve(true);
          return;
        }
        const timer = setTimeout(() => {
          waiters = waiters.filter((w) => w !== wake);
          resolve(false);
        }, timeoutMs);
        const wake = () => {
          clearTimeout(timer);
          resolve(true);
        };
        waiters.push(wake);
      }),
  };
}
