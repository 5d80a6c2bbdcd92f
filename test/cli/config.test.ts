import { describe, expect, it } from 'vitest';
import { runParley } from './runParley';

const secret = 'a-production-secret-of-forty-characters!';

describe('parley config', () => {
  it('masks the session secret and a database password in production', async () => {
    const run = await runParley(['config'], {
      env: {
        NODE_ENV: 'production',
        SESSION_SECRET: secret,
        MONGODB_URI: 'mongodb://ann:hunter2@db.example:27017/',
      },
    });
    expect(run.code).toBe(0);
    expect(run.stdout).not.toContain(secret);
    expect(run.stdout).not.toContain('hunter2');
    const config = JSON.parse(run.stdout) as Record<string, unknown>;
    expect(config.sessionSecret).toBe(`(set, ${secret.length} characters)`);
    expect(config.mongodbUri).toBe('mongodb://ann:***@db.example:27017/');
  });

  it('shows every setting, PARLEY_JOB_LEASE_SECONDS too, set or not', async () => {
    const unset = JSON.parse(
      (await runParley(['config'], { env: { PARLEY_JOB_LEASE_SECONDS: '' } })).stdout,
    ) as Record<string, unknown>;
    expect(unset.jobLeaseMs).toBe('(unset: per job kind, 30–60 s)');
    expect(unset.sessionSecret).toBe('(development secret)');
    const set = JSON.parse(
      (await runParley(['config'], { env: { PARLEY_JOB_LEASE_SECONDS: '45' } })).stdout,
    ) as Record<string, unknown>;
    expect(set.jobLeaseMs).toBe(45_000);
  });
});
