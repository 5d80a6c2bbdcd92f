import { developmentSessionSecret, type Config } from '../../platform/config';
import { maskUri } from '../../platform/database/uri';

/**
 * The configuration as `parley config` prints it: secrets masked (a terminal, a log or a
 * screen share must never show them), and every setting present, an unset one saying so.
 */
export function configView(config: Config): Record<string, unknown> {
  return {
    ...config,
    mongodbUri: config.mongodbUri === undefined ? null : maskUri(config.mongodbUri),
    sessionSecret:
      config.sessionSecret === developmentSessionSecret
        ? '(development secret)'
        : `(set, ${config.sessionSecret.length} characters)`,
    jobLeaseMs: config.jobLeaseMs ?? '(unset: per job kind, 30–60 s)',
  };
}
