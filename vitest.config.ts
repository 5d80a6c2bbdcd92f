import { defineConfig } from 'vitest/config';

// Unit tests sit next to the code; integration tests live in test/ and share one embedded
// database started by test/setup/globalDatabase.ts (each file uses its own database name).
export default defineConfig({
  test: {
    // The JSON report lets CI print a plain "N passed, N failed" closing line.
    reporters: ['default', 'json'],
    outputFile: { json: '.parley/test-results.json' },
    projects: [
      {
        test: {
          name: 'unit',
          sequence: { groupOrder: 0 },
          include: ['{shared,learning,platform,server,pipeline,experiments,cli}/**/*.test.ts'],
          environment: 'node',
          globalSetup: ['test/setup/announcePropertySeed.ts'],
          setupFiles: ['test/setup/propertySeed.ts'],
          // Learning tests train small models for real (a few seconds each on 2 cores).
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      {
        test: {
          name: 'integration',
          sequence: { groupOrder: 1 },
          include: ['test/**/*.test.ts'],
          exclude: ['test/e2e/**'],
          environment: 'node',
          globalSetup: ['test/setup/globalDatabase.ts'],
          setupFiles: ['test/setup/propertySeed.ts'],
          testTimeout: 60_000,
          hookTimeout: 240_000,
          // Several files drive one database server; keep the 2-core machine unsaturated.
          maxWorkers: 2,
        },
      },
      {
        // Component tests of the web client in a simulated DOM.
        test: {
          name: 'client',
          sequence: { groupOrder: 0 },
          include: ['client/**/*.test.{ts,tsx}'],
          environment: 'happy-dom',
          setupFiles: ['test/setup/propertySeed.ts'],
        },
      },
      {
        // The built client in Debian's chromium against a real server and database. Its own
        // project: it builds the client once per run (globalSetup) and runs one file at a time.
        test: {
          name: 'e2e',
          sequence: { groupOrder: 2 },
          include: ['test/e2e/**/*.test.ts'],
          environment: 'node',
          globalSetup: ['test/setup/globalDatabase.ts', 'test/e2e/buildClient.ts'],
          testTimeout: 90_000,
          hookTimeout: 240_000,
          maxWorkers: 1,
        },
      },
    ],
  },
});
