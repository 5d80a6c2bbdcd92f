import { pino, type Logger } from 'pino';

export type { Logger };

/** One logger per process; child loggers add context (`component`, request and session ids). */
export function createLogger(
  level: string,
  name = 'parley',
  destination: NodeJS.WritableStream = process.stdout,
): Logger {
  return pino(
    {
      name,
      level,
      // Never log credentials, even when an object holding them is logged by mistake.
      redact: {
        paths: ['password', '*.password', 'req.headers.cookie', 'req.headers.authorization'],
        censor: '[redacted]',
      },
    },
    destination,
  );
}
