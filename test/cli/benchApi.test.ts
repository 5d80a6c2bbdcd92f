import { describe, expect, it } from 'vitest';
import { runParley } from './runParley';

describe('parley bench api', () => {
  it('measures every endpoint and stops cleanly: no database or 500 errors at teardown', async () => {
    // Short and wide: the slow endpoints still have requests in flight when the load stops.
    const run = await runParley(['bench', 'api', '--duration', '2', '--connections', '20']);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/REST under load: 20 connections per endpoint/);
    for (const endpoint of ['health', 'round progress', 'rounds list', 'review queue']) {
      expect(run.stdout).toContain(endpoint);
    }
    expect(run.stderr).not.toMatch(
      /MongoClientClosedError|MongoNotConnectedError|PoolClosedError|"statusCode":500/,
    );
    expect(run.stderr).not.toMatch(/^\s+at /m);
  }, 300_000);
});
