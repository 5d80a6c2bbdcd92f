import os from 'node:os';
import path from 'node:path';
import { z } from 'zod';

/**
 * Every environment variable Parley reads, with its default and meaning.
 * The README's configuration table is generated from this list (`parley config --markdown`)
 * and a test keeps the two in step.
 */
interface VariableDoc {
  name: keyof typeof environmentSchema.shape;
  /** Only where the schema has no default to show (e.g. one computed from the machine). */
  default?: string;
  description: string;
}

const portNumber = z.coerce.number().int().min(0).max(65535);

export const environmentSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  HOST: z.string().min(1).default('127.0.0.1'),
  PORT: portNumber.default(3000),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  LOG_FORMAT: z.enum(['auto', 'json', 'pretty']).default('auto'),
  MONGODB_URI: z
    .string()
    .regex(/^mongodb(\+srv)?:\/\//, 'must start with mongodb:// or mongodb+srv://')
    .optional(),
  PARLEY_DB_NAME: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,60}$/, 'letters, digits, _ and - only')
    .default('parley'),
  PARLEY_DATA_DIR: z.string().min(1).default('.parley/data'),
  PARLEY_DATASETS_DIR: z.string().min(1).default('.parley/datasets'),
  PARLEY_CACHE_DIR: z.string().min(1).optional(),
  PARLEY_NATIVE_ENGINE: z.enum(['auto', 'off']).default('auto'),
  PARLEY_WORKERS: z.coerce.number().int().min(0).max(64).default(1),
  SESSION_SECRET: z.string().min(32, 'at least 32 characters').optional(),
  SESSION_MAX_AGE_HOURS: z.coerce
    .number()
    .min(0.1)
    .max(24 * 90)
    .default(24),
  TRUST_PROXY: z.enum(['true', 'false']).default('false'),
  PARLEY_LEASE_SECONDS: z.coerce.number().int().min(10).max(3600).default(120),
  PARLEY_DEMO: z.enum(['auto', 'on', 'off']).default('auto'),
  PARLEY_MIN_SECONDS_PER_ACT: z.coerce.number().min(0).max(600).default(2),
  PARLEY_NO_ATTEMPT_MIN_OFFERS: z.coerce.number().int().min(0).max(20).default(1),
  PARLEY_NO_ATTEMPT_MIN_ACTS: z.coerce.number().int().min(0).max(40).default(3),
  PARLEY_GOLD_RATE: z.coerce.number().min(0).max(1).default(0.1),
  PARLEY_SOCKET_ADAPTER: z.enum(['local', 'mongodb']).default('local'),
  PARLEY_JOB_LEASE_SECONDS: z.coerce.number().min(1).max(3600).optional(),
  PARLEY_AUTH_RATE_LIMIT: z.coerce.number().int().min(1).max(1_000_000).default(600),
  PARLEY_CLAIM_RATE_LIMIT: z.coerce.number().int().min(1).max(1_000_000).default(600),
  PARLEY_SUGGEST_RATE_LIMIT: z.coerce.number().int().min(1).max(1_000_000).default(120),
  PARLEY_EVENT_RATE_LIMIT: z.coerce.number().int().min(1).max(1_000_000).default(600),
  PARLEY_LOCKOUT_ATTEMPTS: z.coerce.number().int().min(1).max(1000).default(10),
  PARLEY_LOCKOUT_MINUTES: z.coerce
    .number()
    .min(0.01)
    .max(24 * 60)
    .default(15),
  PARLEY_IMPORT_MAX_MB: z.coerce.number().min(0.001).max(4096).default(50),
  PARLEY_PASSWORD_LINK_HOURS: z.coerce
    .number()
    .min(0.01)
    .max(24 * 30)
    .default(72),
  ALICE_TURN_TIMEOUT_MS: z.coerce.number().int().min(50).max(60_000).default(2_000),
  PARLEY_STUDY_TIMEOUT_MINUTES: z.coerce
    .number()
    .min(1)
    .max(7 * 24 * 60)
    .default(60),
});

/** Used outside production when SESSION_SECRET is unset; production refuses to start without one. */
export const developmentSessionSecret = 'parley-development-session-secret-not-for-production';

export const configVariables: readonly VariableDoc[] = [
  {
    name: 'NODE_ENV',
    description: '`development`, `production` or `test`.',
  },
  { name: 'HOST', description: 'Interface the HTTP server listens on.' },
  {
    name: 'PORT',
    description: 'HTTP port of the platform (REST, Socket.IO, UI).',
  },
  {
    name: 'LOG_LEVEL',
    description: 'pino level: `fatal`, `error`, `warn`, `info`, `debug`, `trace` or `silent`.',
  },
  {
    name: 'LOG_FORMAT',
    description:
      '`pretty` (readable), `json` (one JSON object a line) or `auto`: pretty on a terminal.',
  },
  {
    name: 'MONGODB_URI',
    default: '(unset)',
    description: 'A real MongoDB deployment. When unset, Parley starts its embedded database.',
  },
  { name: 'PARLEY_DB_NAME', description: 'Database name inside the server.' },
  {
    name: 'PARLEY_DATA_DIR',
    description: 'Where the embedded database keeps its files (relative to the working directory).',
  },
  {
    name: 'PARLEY_DATASETS_DIR',
    description:
      'Where `parley data fetch` puts downloaded corpora (`dealornodeal:train` reads from it).',
  },
  {
    name: 'PARLEY_CACHE_DIR',
    default: '~/.cache/parley',
    description:
      "Where the embedded database's one-time download and build, and the native engine's registry downloads, are cached (shared by checkouts).",
  },
  {
    name: 'PARLEY_NATIVE_ENGINE',
    description:
      '`auto`: `npm ci` builds the native TensorFlow engine from registry packages where it can (docs/native-engine.md); `off`: it does not, and training uses WASM.',
  },
  { name: 'PARLEY_WORKERS', description: 'Worker processes `parley start` runs.' },
  {
    name: 'SESSION_SECRET',
    default: '(development secret)',
    description:
      'Signs session cookies (≥ 32 characters). Required in production; elsewhere a fixed development secret is used.',
  },
  {
    name: 'SESSION_MAX_AGE_HOURS',
    description: 'How long a sign-in lasts; expired sessions are deleted by query.',
  },
  {
    name: 'TRUST_PROXY',
    description:
      '`true` behind a TLS-terminating reverse proxy (cookies are `Secure` in production).',
  },
  {
    name: 'PARLEY_LEASE_SECONDS',
    description:
      "An annotation task's lease; heartbeats renew it, and an expired lease frees the slot.",
  },
  {
    name: 'ALICE_TURN_TIMEOUT_MS',
    description:
      "How long a round's neural Alice may take for a live reply; slower or failing, ASTRA answers (and the record says so).",
  },
  {
    name: 'PARLEY_DEMO',
    description:
      '`on`: `parley start` creates demo accounts and tasks on an empty database; `auto`: on except in production.',
  },
  {
    name: 'PARLEY_MIN_SECONDS_PER_ACT',
    description:
      "Quality check: a worker's mean time per act below this flags the annotation (`too_fast`).",
  },
  {
    name: 'PARLEY_NO_ATTEMPT_MIN_OFFERS',
    description:
      'Quality check: an annotation ended without a deal in which the worker made fewer offers than this is flagged `no_attempt` (0: off).',
  },
  {
    name: 'PARLEY_NO_ATTEMPT_MIN_ACTS',
    description:
      'Quality check: an annotation ended without a deal after fewer acts than this (both sides) is flagged `no_attempt` (0: off).',
  },
  {
    name: 'PARLEY_GOLD_RATE',
    description:
      "Share of claims that prefer a gold task outside rounds (a round's own gold rate wins); decays as a worker proves reliable.",
  },
  {
    name: 'PARLEY_SOCKET_ADAPTER',
    description:
      '`local` for one server process; `mongodb` when several server processes share one database behind a load balancer (Socket.IO broadcasts travel through it; see docs/deployment.md).',
  },
  {
    name: 'PARLEY_JOB_LEASE_SECONDS',
    default: '(per job kind, 30–60)',
    description:
      "A worker's lease on a background job (renewed while it runs): how soon a job of a worker that died is taken over by another.",
  },
  {
    name: 'PARLEY_AUTH_RATE_LIMIT',
    description: 'Sign-in and study-entry requests per client address per minute (then 429).',
  },
  {
    name: 'PARLEY_CLAIM_RATE_LIMIT',
    description: "Task claims (`task:claim`) per user per minute (then the ack's `rate_limited`).",
  },
  {
    name: 'PARLEY_SUGGEST_RATE_LIMIT',
    description:
      'ASTRA suggestions (`astra:suggest`: a linear program each) per user per minute (then `rate_limited`).',
  },
  {
    name: 'PARLEY_EVENT_RATE_LIMIT',
    description:
      'Other annotation events (acts, selections, resume, heartbeat, abandon) per user per minute, together (then `rate_limited`).',
  },
  {
    name: 'PARLEY_LOCKOUT_ATTEMPTS',
    description:
      'Failed sign-ins of one account within the lockout window that lock it for that window.',
  },
  {
    name: 'PARLEY_LOCKOUT_MINUTES',
    description:
      'The lockout window: failures older than this are forgotten, a lock lasts this long.',
  },
  {
    name: 'PARLEY_IMPORT_MAX_MB',
    description: 'The largest JSONL file `POST /api/datasets/import` accepts, in megabytes.',
  },
  {
    name: 'PARLEY_PASSWORD_LINK_HOURS',
    description:
      'How long an invitation or password-reset link (made by an admin) stays valid; each link works once.',
  },
  {
    name: 'PARLEY_STUDY_TIMEOUT_MINUTES',
    description:
      'A study participant who has not finished and has done nothing for this long is `timed_out` in the participants export.',
  },
];

export type Config = Readonly<{
  nodeEnv: 'development' | 'production' | 'test';
  host: string;
  port: number;
  logLevel: z.infer<typeof environmentSchema>['LOG_LEVEL'];
  logFormat: z.infer<typeof environmentSchema>['LOG_FORMAT'];
  mongodbUri: string | undefined;
  dbName: string;
  dataDir: string;
  datasetsDir: string;
  cacheDir: string;
  workers: number;
  sessionSecret: string;
  sessionMaxAgeMs: number;
  trustProxy: boolean;
  leaseMs: number;
  aliceTurnTimeoutMs: number;
  demoData: boolean;
  minMsPerAct: number;
  /** Quality check `no_attempt`: fewest offers / acts of a no-deal annotation that count as trying. */
  noAttempt: NoAttemptThresholds;
  defaultGoldRate: number;
  socketAdapter: 'local' | 'mongodb';
  limits: Limits;
  /** How long invitation and password-reset links stay valid. */
  passwordLinkMs: number;
  /** Idle time after which an unfinished study participant counts as timed out. */
  studyTimeoutMs: number;
  /** Overrides every job kind's lease when set. */
  jobLeaseMs: number | undefined;
}>;

export interface NoAttemptThresholds {
  minOffers: number;
  minActs: number;
}

/** Abuse limits: rate limits, login lockout and import size (server/security). */
export interface Limits {
  /** Sign-in and study-entry requests per client address per minute. */
  authPerMinute: number;
  /** `task:claim` events per user per minute. */
  claimsPerMinute: number;
  /** `astra:suggest` events per user per minute. */
  suggestionsPerMinute: number;
  /** Every other annotation event per user per minute, counted together. */
  eventsPerMinute: number;
  lockoutAttempts: number;
  lockoutMs: number;
  importMaxBytes: number;
}

/** The limits of an environment; `defaultLimits` are those of an empty one (the schema's defaults). */
function limitsOf(e: z.infer<typeof environmentSchema>): Limits {
  return {
    authPerMinute: e.PARLEY_AUTH_RATE_LIMIT,
    claimsPerMinute: e.PARLEY_CLAIM_RATE_LIMIT,
    suggestionsPerMinute: e.PARLEY_SUGGEST_RATE_LIMIT,
    eventsPerMinute: e.PARLEY_EVENT_RATE_LIMIT,
    lockoutAttempts: e.PARLEY_LOCKOUT_ATTEMPTS,
    lockoutMs: Math.round(e.PARLEY_LOCKOUT_MINUTES * 60_000),
    importMaxBytes: Math.round(e.PARLEY_IMPORT_MAX_MB * 1024 * 1024),
  };
}

const passwordLinkMsOf = (e: z.infer<typeof environmentSchema>) =>
  Math.round(e.PARLEY_PASSWORD_LINK_HOURS * 3_600_000);

/** The schema's defaults: what an empty environment reads as. */
const schemaDefaults = environmentSchema.parse({});

export const defaultLimits: Limits = limitsOf(schemaDefaults);

export const defaultPasswordLinkMs = passwordLinkMsOf(schemaDefaults);

const studyTimeoutMsOf = (e: z.infer<typeof environmentSchema>) =>
  Math.round(e.PARLEY_STUDY_TIMEOUT_MINUTES * 60_000);

export const defaultStudyTimeoutMs = studyTimeoutMsOf(schemaDefaults);

export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** Reads and validates the environment once; throws ConfigError naming every bad variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = environmentSchema.safeParse(withoutEmptyValues(env));
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`Invalid environment:\n  ${problems.join('\n  ')}`);
  }
  const e = parsed.data;
  if (e.NODE_ENV === 'production' && e.SESSION_SECRET === undefined) {
    throw new ConfigError(
      'Invalid environment:\n  SESSION_SECRET: required in production (at least 32 random characters)',
    );
  }
  return {
    nodeEnv: e.NODE_ENV,
    host: e.HOST,
    port: e.PORT,
    logLevel: e.LOG_LEVEL,
    logFormat: e.LOG_FORMAT,
    mongodbUri: e.MONGODB_URI,
    dbName: e.PARLEY_DB_NAME,
    dataDir: path.resolve(e.PARLEY_DATA_DIR),
    datasetsDir: path.resolve(e.PARLEY_DATASETS_DIR),
    cacheDir: path.resolve(e.PARLEY_CACHE_DIR ?? defaultCacheDir(env)),
    workers: e.PARLEY_WORKERS,
    sessionSecret: e.SESSION_SECRET ?? developmentSessionSecret,
    sessionMaxAgeMs: Math.round(e.SESSION_MAX_AGE_HOURS * 3_600_000),
    trustProxy: e.TRUST_PROXY === 'true',
    leaseMs: e.PARLEY_LEASE_SECONDS * 1000,
    aliceTurnTimeoutMs: e.ALICE_TURN_TIMEOUT_MS,
    demoData: e.PARLEY_DEMO === 'on' || (e.PARLEY_DEMO === 'auto' && e.NODE_ENV !== 'production'),
    minMsPerAct: Math.round(e.PARLEY_MIN_SECONDS_PER_ACT * 1000),
    noAttempt: {
      minOffers: e.PARLEY_NO_ATTEMPT_MIN_OFFERS,
      minActs: e.PARLEY_NO_ATTEMPT_MIN_ACTS,
    },
    defaultGoldRate: e.PARLEY_GOLD_RATE,
    socketAdapter: e.PARLEY_SOCKET_ADAPTER,
    jobLeaseMs:
      e.PARLEY_JOB_LEASE_SECONDS === undefined ? undefined : e.PARLEY_JOB_LEASE_SECONDS * 1000,
    limits: limitsOf(e),
    passwordLinkMs: passwordLinkMsOf(e),
    studyTimeoutMs: studyTimeoutMsOf(e),
  };
}

/** Renders the configuration table that the README carries. */
export function configMarkdownTable(): string {
  const rows = configVariables.map(
    (v) =>
      `| \`${v.name}\` | \`${v.default ?? String(schemaDefaults[v.name])}\` | ${v.description} |`,
  );
  return ['| Variable | Default | Meaning |', '| --- | --- | --- |', ...rows].join('\n');
}

/**
 * What the install step of the native engine reads (cli/nativeEngine): whether to build it, and
 * where its registry downloads are cached (shared by checkouts, like the database's).
 */
export function nativeEngineSettings(env: NodeJS.ProcessEnv = process.env): {
  enabled: boolean;
  cacheDir: string;
} {
  const e = environmentSchema
    .pick({ PARLEY_NATIVE_ENGINE: true, PARLEY_CACHE_DIR: true })
    .parse(withoutEmptyValues(env));
  return {
    enabled: e.PARLEY_NATIVE_ENGINE === 'auto',
    cacheDir: path.join(path.resolve(e.PARLEY_CACHE_DIR ?? defaultCacheDir(env)), 'native-engine'),
  };
}

function defaultCacheDir(env: NodeJS.ProcessEnv): string {
  const xdg = env.XDG_CACHE_HOME;
  const home = env.HOME ?? os.homedir();
  return path.join(xdg !== undefined && xdg.length > 0 ? xdg : path.join(home, '.cache'), 'parley');
}

// An exported-but-empty variable (`PORT=`) means "use the default", as in most tools.
function withoutEmptyValues(env: NodeJS.ProcessEnv): Record<string, string> {
  return Object.fromEntries(
    Object.entries(env).filter(
      (entry): entry is [string, string] => entry[1] !== undefined && entry[1] !== '',
    ),
  );
}
