import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';
import { scopeNamed } from './scopes';

// The vitest config of a mutation run: only the unit tests of the scope that
// test/mutation/run.ts names in PARLEY_MUTATION_SCOPE, so Stryker's dry run and every mutant run
// load nothing else (no database, no client, no learning tests that train models).
const scopeName = process.env.PARLEY_MUTATION_SCOPE ?? '';
const scope = scopeNamed(scopeName);
if (scope === undefined) {
  throw new Error(`PARLEY_MUTATION_SCOPE names no mutation scope: "${scopeName}"`);
}

export default defineConfig({
  root: fileURLToPath(new URL('../..', import.meta.url)),
  test: {
    include: scope.tests,
    environment: 'node',
    setupFiles: ['test/setup/propertySeed.ts'],
    // A database scope starts one database for the whole run, as the integration project does.
    ...(scope.database === true
      ? { globalSetup: ['test/setup/globalDatabase.ts'], testTimeout: 60_000, hookTimeout: 240_000 }
      : { testTimeout: 30_000, hookTimeout: 60_000 }),
  },
});
