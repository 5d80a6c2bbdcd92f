import { ConfigError, loadConfig, type Config } from '../platform/config';
import { createLogger, type Logger } from '../platform/logger';

/** Loads the configuration for a command, printing a clear message and exiting on bad input. */
export function commandConfig(): Config {
  try {
    return loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(2);
    }
    throw error;
  }
}

/** Command logs go to stderr, so that what a command prints on stdout stays machine-readable. */
export function commandLogger(config: Config, name: string): Logger {
  return createLogger(config.logLevel, name, process.stderr, config.logFormat);
}

/** Resolves on the first SIGINT or SIGTERM; a second one forces the process out. */
export function untilStopSignal(): Promise<NodeJS.Signals> {
  return new Promise((resolve) => {
    const onSignal = (signal: NodeJS.Signals) => {
      process.once('SIGINT', () => process.exit(130));
      process.once('SIGTERM', () => process.exit(143));
      resolve(signal);
    };
    process.once('SIGINT', onSignal);
    process.once('SIGTERM', onSignal);
  });
}

/** Prints an error for the user and exits non-zero. */
export function failCommand(error: unknown): never {
  console.error(error instanceof Error ? `${error.name}: ${error.message}` : String(error));
  process.exit(1);
}

/**
 * A reader that stops early (`parley users list | head`) closes stdout: that ends the command
 * quietly, as it does for other Unix tools, instead of an EPIPE stack trace.
 */
export function exitQuietlyWhenStdoutCloses(): void {
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') {
      process.exit(0);
    }
    throw error;
  });
}
