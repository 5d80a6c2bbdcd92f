import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  ConfigError,
  configMarkdownTable,
  configVariables,
  environmentSchema,
  loadConfig,
} from './config';

describe('loadConfig', () => {
  it('applies the documented defaults', () => {
    const config = loadConfig({ HOME: '/home/ann' });
    expect(config).toMatchObject({
      nodeEnv: 'development',
      host: '127.0.0.1',
      port: 3000,
      mongodbUri: undefined,
      dbName: 'parley',
      dataDir: path.resolve('.parley/data'),
      workers: 1,
    });
    expect(config.cacheDir).toBe(path.resolve('/home/ann/.cache/parley'));
  });

  it('treats empty variables as unset and reads the rest', () => {
    const config = loadConfig({
      PORT: '',
      PARLEY_WORKERS: '3',
      MONGODB_URI: 'mongodb://db:27017/x',
    });
    expect(config.port).toBe(3000);
    expect(config.workers).toBe(3);
    expect(config.mongodbUri).toBe('mongodb://db:27017/x');
  });

  it('names every invalid variable', () => {
    const attempt = () =>
      loadConfig({ PORT: 'http', MONGODB_URI: 'postgres://x', LOG_LEVEL: 'loud' });
    expect(attempt).toThrow(ConfigError);
    expect(attempt).toThrow(/PORT/);
    expect(attempt).toThrow(/MONGODB_URI: must start with mongodb:\/\//);
    expect(attempt).toThrow(/LOG_LEVEL/);
  });
});

describe('quality thresholds', () => {
  it('reads the no-attempt thresholds, defaulting to 1 offer and 3 acts, and refuses bad ones', () => {
    expect(loadConfig({}).noAttempt).toEqual({ minOffers: 1, minActs: 3 });
    expect(
      loadConfig({ PARLEY_NO_ATTEMPT_MIN_OFFERS: '0', PARLEY_NO_ATTEMPT_MIN_ACTS: '5' }).noAttempt,
    ).toEqual({ minOffers: 0, minActs: 5 });
    expect(() => loadConfig({ PARLEY_NO_ATTEMPT_MIN_ACTS: '1.5' })).toThrow(
      /PARLEY_NO_ATTEMPT_MIN_ACTS/,
    );
  });
});

describe('security settings', () => {
  it('uses a development session secret outside production', () => {
    const config = loadConfig({});
    expect(config.sessionSecret.length).toBeGreaterThanOrEqual(32);
    expect(config.demoData).toBe(true);
    expect(config.leaseMs).toBe(120_000);
  });

  it('refuses to start in production without SESSION_SECRET, and turns demo data off', () => {
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(/SESSION_SECRET: required/);
    const config = loadConfig({ NODE_ENV: 'production', SESSION_SECRET: 's'.repeat(40) });
    expect(config.sessionSecret).toBe('s'.repeat(40));
    expect(config.demoData).toBe(false);
  });

  it('rejects a short session secret', () => {
    expect(() => loadConfig({ SESSION_SECRET: 'short' })).toThrow(/SESSION_SECRET/);
  });
});

describe('configuration documentation', () => {
  it('documents exactly the variables the schema reads', () => {
    expect(configVariables.map((v) => v.name).sort()).toEqual(
      Object.keys(environmentSchema.shape).sort(),
    );
  });

  it('appears in the README as `parley config --markdown` prints it', () => {
    const readme = fs.readFileSync(path.join(import.meta.dirname, '..', 'README.md'), 'utf8');
    expect(readme).toContain(configMarkdownTable());
  });
});
