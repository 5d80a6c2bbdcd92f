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
