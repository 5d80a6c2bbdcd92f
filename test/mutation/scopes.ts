/**
 * The folders mutation testing covers (`npm run test:mutation`, see test/README.md). Each scope
 * names the code to mutate and the unit tests that guard it: a scope's score counts only those
 * tests, the ones that sit beside the code, so a mutant that only a far-away test would notice
 * counts as surviving. Keeping the test list small is also what makes a run cheap.
 */
export interface MutationScope {
  name: string;
  /** Stryker `mutate` globs (production files only). */
  mutate: string[];
  /** The unit test files vitest runs for this scope. */
  tests: string[];
  /**
   * Integration tests that need the database: the run starts one (test/setup/globalDatabase.ts)
   * for all the mutants of the scope, and each test file makes its own database in it.
   */
  database?: boolean;
}

const notTests = '!**/*.test.ts';

function folder(path: string): MutationScope {
  return { name: path, mutate: [`${path}/**/*.ts`, notTests], tests: [`${path}/**/*.test.ts`] };
}

export const mutationScopes: readonly MutationScope[] = [
  folder('shared/domain'),
  folder('shared/dialogue'),
  folder('shared/metrics'),
  folder('shared/protocol'),
  folder('shared/quality'),
  folder('shared/random'),
  folder('shared/corpus'),
  folder('shared/agents'),
  folder('shared/import'),
  folder('shared/astra'),
  {
    // Targeted acquisition's novelty ranking, the top-k selection and cut, and the reward.
    // learning.test.ts and reinforcement.test.ts train models and are left out (too slow per
    // mutant); novelty.ts and reward.ts have fast tests of their own.
    name: 'learning',
    mutate: [
      'learning/novelty.ts',
      'learning/selectionCandidates.ts',
      'learning/acquisition/selection.ts',
      'learning/reward.ts',
    ],
    tests: [
      'learning/selectionCandidates.test.ts',
      'learning/acquisition/selection.test.ts',
      'learning/novelty.test.ts',
      'learning/reward.test.ts',
    ],
  },
  // The database-backed code of issue 22, with the integration tests that guard it. Far slower
  // per mutant than the folders above (each mutant reruns tests against a real database); see
  // test/README.md for what a run costs before starting one.
  {
    // Task leasing: claims under concurrency, expiry, abandon, gold preference.
    name: 'platform/tasks',
    mutate: ['platform/tasks/leasing.ts', 'platform/tasks/openTasks.ts'],
    tests: ['test/tasks/leasing.test.ts', 'test/tasks/openTasks.test.ts'],
    database: true,
  },
  {
    // The job queue: leases, renewal, takeover, retry then failure (a virtual clock).
    name: 'platform/jobs',
    mutate: ['platform/jobs/jobQueue.ts', 'platform/jobs/jobRunner.ts'],
    tests: ['test/jobs/jobQueue.test.ts'],
    database: true,
  },
  {
    // Dataset queries: export filters, import, ownership.
    name: 'platform/datasets',
    mutate: ['platform/datasets/datasetService.ts', 'platform/datasets/recordScope.ts'],
    tests: [
      'test/datasets/datasets.test.ts',
      'test/datasets/ownership.test.ts',
      'test/datasets/recordIds.test.ts',
    ],
    database: true,
  },
  {
    // Sign-in lockout: the attempt count reserved before the password is checked; sign-in and
    // sign-out themselves (server/auth.test.ts: the lockout tests never sign out).
    name: 'platform/auth',
    mutate: ['platform/security/loginLockout.ts', 'platform/auth/signIn.ts'],
    tests: [
      'test/security/loginLockout.test.ts',
      'test/security/rateLimits.test.ts',
      'test/server/auth.test.ts',
    ],
    database: true,
  },
  {
    // Round stages: called directly on stored rounds (annotatingStage, evaluateStage, rankStage: seconds),
    // and run by real job runners on tiny sizes (the round tests, seconds each).
    name: 'pipeline',
    mutate: [
      'pipeline/annotatingStage.ts',
      'pipeline/evaluateStage.ts',
      'pipeline/roundWork.ts',
      'pipeline/rankStage.ts',
      'pipeline/retrainStage.ts',
      'pipeline/selfPlayStage.ts',
    ],
    tests: [
      'test/rounds/annotatingStage.test.ts',
      'test/rounds/evaluateStage.test.ts',
      'test/rounds/rankStage.test.ts',
      'test/rounds/roundWork.test.ts',
      'test/rounds/roundPipeline.test.ts',
      'test/rounds/selection.test.ts',
    ],
    database: true,
  },
];

export function scopeNamed(name: string): MutationScope | undefined {
  return mutationScopes.find((scope) => scope.name === name.replace(/\/+$/, ''));
}

/** The scope whose folder holds a file (for `npm run test:mutation -- <file>`). */
export function scopeOfFile(file: string): MutationScope | undefined {
  const path = file.replace(/:[\d:-]+$/, '');
  return mutationScopes.find(
    (scope) => scope.mutate.includes(path) || path.startsWith(`${scope.name}/`),
  );
}
