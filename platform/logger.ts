import { pino, type Logger } from 'pino';
import { PinoPretty } from 'pino-pretty';

export type { Logger };

export type LogFormat = 'auto' | 'json' | 'pretty';

/**
 * One logger per process; child loggers add context (`component`, request and session ids).
 * `auto` prints readable lines to a terminal and JSON lines everywhere else (files, CI,
 * log collectors).
 */
export function createLogger(
  level: string,
  name = 'parley',
  destination: NodeJS.WritableStream = process.stdout,
  format: LogFormat = 'auto',
): Logger {
  const pretty =
    format === 'pretty' ||
    (format === 'auto' && (destination as { isTTY?: boolean }).isTTY === true);
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
    pretty
      ? PinoPretty({ destination, sync: true, ignore: 'pid,hostname', translateTime: 'HH:MM:ss' })
      : destination,
  );
}
