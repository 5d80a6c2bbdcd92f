import { createHash, randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { RequestHandler } from 'express';
import { pinoHttp } from 'pino-http';
import type { Logger } from '../../platform/logger';

// A client may pass its own id (a load balancer's, a script's) if it looks like one.
const acceptableRequestId = /^[A-Za-z0-9._:-]{8,64}$/;

/**
 * A short, stable stand-in for the session id: correlates one person's requests in the logs
 * without putting the session id itself (a credential) there.
 */
export function sessionTag(sessionId: string | undefined): string | undefined {
  return sessionId === undefined
    ? undefined
    : createHash('sha256').update(sessionId).digest('hex').slice(0, 12);
}

type LoggedRequest = IncomingMessage & {
  sessionID?: string;
  user?: { id: string };
  originalUrl?: string;
};

/**
 * One structured line per API request (method, URL, status, duration, request id, session tag,
 * user id), and `req.log` for handlers. The request id is echoed in `X-Request-Id`, so a user's
 * error report can be matched with the server's log. Health checks log at debug level.
 */
export function requestLog(log: Logger): RequestHandler {
  const middleware = pinoHttp({
    logger: log.child({ component: 'http' }),
    genReqId: (req: IncomingMessage, res: ServerResponse) => {
      const given = req.headers['x-request-id'];
      const id =
        typeof given === 'string' && acceptableRequestId.test(given) ? given : randomUUID();
      res.setHeader('X-Request-Id', id);
      return id;
    },
    customProps: (req: LoggedRequest) => ({
      session: sessionTag(req.sessionID),
      userId: req.user?.id,
    }),
    customLogLevel: (req: LoggedRequest, res: ServerResponse, error?: Error) =>
      error !== undefined || res.statusCode >= 500
        ? 'error'
        : (req.originalUrl ?? req.url ?? '').startsWith('/api/health')
          ? 'debug'
          : 'info',
    serializers: {
      req: (req: { id: unknown; method: string; url: string }) => ({
        id: req.id,
        method: req.method,
        url: req.url,
      }),
      res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
    },
  });
  return (req, res, next) => middleware(req, res, next);
}
