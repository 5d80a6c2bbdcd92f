/**
 * `npm run test:mutation -- [scope or file …] [--incremental] [--force] [--no-check] [--concurrency n] [--coverage perTest|all] [--dry-run]`
 *
 * Runs StrykerJS on each named scope (test/mutation/scopes.ts; when none is named, all of them
 * but the database scopes), one after the other, with that scope's tests only
 * (test/mutation/vitest.config.ts) and per-test coverage, then prints the score per folder. Naming files (`shared/domain/scoring.ts`,
 * or `shared/domain/scoring.ts:10-40` for some lines) mutates only those, with their scope's
 * tests. `--incremental` keeps each scope's results in `.parley/mutation/<scope>/incremental.json`
 * and tests again only the mutants whose code or covering tests changed since; `--force` redoes
 * them all and rewrites the file. Reports: `.parley/mutation/<scope>/mutation.html` and `.json`;
 * a run of named files reports in `.parley/mutation/<scope>/files/<their names>/`.
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { MutantResult, PartialStrykerOptions } from '@stryker-mutator/api/core';
import { Stryker } from '@stryker-mutator/core';
import { mutationScopes, scopeNamed, scopeOfFile, type MutationScope } from './scopes';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    incremental: { type: 'boolean', default: false },
    force: { type: 'boolean', default: false },
    // The TypeScript checker turns mutants that do not compile into "compile errors" (not
    // counted) instead of running them; --no-check runs them, faster to start but noisier.
    'no-check': { type: 'boolean', default: false },
    // One test runner by default: the machine is shared; use 2 when it is yours.
    concurrency: { type: 'string', default: '1' },
    // perTest runs only the tests that cover a mutant (fast); all runs the scope's every test
    // (slower), a cross-check where per-test coverage attributes tests wrongly.
    coverage: { type: 'string', default: 'perTest' },
    // Instrument and run the tests once, without testing any mutant: how many mutants a scope
    // has and how long its tests take, to judge a run before starting it.
    'dry-run': { type: 'boolean', default: false },
  },
});

interface Job {
  scope: MutationScope;
  mutate: string[];
}

function jobsFor(args: readonly string[]): Job[] {
  if (args.length === 0) {
    // The database scopes run only when named: each of their mutants reruns integration tests.
    return mutationScopes
      .filter((scope) => scope.database !== true)
      .map((scope) => ({ scope, mutate: scope.mutate }));
  }
  const jobs = new Map<string, Job>();
  for (const arg of args) {
    const named = scopeNamed(arg);
    if (named !== undefined) {
      jobs.set(named.name, { scope: named, mutate: named.mutate });
      continue;
    }
    const scope = scopeOfFile(arg);
    if (scope === undefined) {
      const names = mutationScopes.map((s) => s.name).join(', ');
      console.error(`"${arg}" is neither a mutation scope nor a file in one (scopes: ${names})`);
      process.exit(2);
    }
    const job = jobs.get(scope.name) ?? { scope, mutate: [] };
    if (job.mutate !== scope.mutate) {
      job.mutate.push(arg);
    }
    jobs.set(scope.name, job);
  }
  return [...jobs.values()];
}

const concurrency = Number(values.concurrency);
if (!Number.isInteger(concurrency) || concurrency < 1) {
  console.error(`--concurrency must be a whole number ≥ 1, got "${values.concurrency}"`);
  process.exit(2);
}

const coverageChoices = ['perTest', 'all'] as const;
const coverageAnalysis = coverageChoices.find((choice) => choice === values.coverage);
if (coverageAnalysis === undefined) {
  console.error(`--coverage must be perTest or all, got "${values.coverage}"`);
  process.exit(2);
}

function strykerOptions(job: Job): PartialStrykerOptions {
  // A run of some files of a scope reports beside the scope's own, so that a scope too large for
  // one sitting can be measured file by file without one run overwriting another.
  const scopeOut = path.join('.parley', 'mutation', job.scope.name.replaceAll('/', '-'));
  const files = job.mutate.map((file) => path.basename(file).replace(/[^\w-]/g, '-')).join('+');
  const out = job.mutate === job.scope.mutate ? scopeOut : path.join(scopeOut, 'files', files);
  return {
    testRunner: 'vitest',
    vitest: { configFile: 'test/mutation/vitest.config.ts', related: false },
    checkers: values['no-check'] ? [] : ['typescript'],
    tsconfigFile: 'tsconfig.json',
    coverageAnalysis,
    // A static mutant (in a module's top-level code) reloads every test file and runs every
    // test; ignoring them is what keeps a run cheap. They are counted as "ignored". (Stryker
    // can tell them apart only with per-test coverage.)
    ignoreStatic: coverageAnalysis === 'perTest',
    ignorers: ['parley-not-behaviour'],
    appendPlugins: ['./test/mutation/notBehaviour.js'],
    mutate: job.mutate,
    concurrency,
    dryRunOnly: values['dry-run'],
    // The machine is shared: a slow mutant run is more often load than an endless loop.
    timeoutMS: 15_000,
    incremental: values.incremental,
    incrementalFile: path.join(out, 'incremental.json'),
    force: values.force,
    reporters: ['clear-text', 'progress', 'html', 'json'],
    htmlReporter: { fileName: path.join(out, 'mutation.html') },
    jsonReporter: { fileName: path.join(out, 'mutation.json') },
    clearTextReporter: { reportTests: false, reportMutants: true, reportScoreTable: true },
    // The sandbox copy needs the sources and their tests only.
    ignorePatterns: ['/client/dist', '/.parley', '/runs', '/coverage', '/test/e2e/screenshots'],
    thresholds: { high: 80, low: 60, break: null },
  };
}

interface FolderScore {
  folder: string;
  killed: number;
  timeout: number;
  survived: number;
  noCoverage: number;
  compileErrors: number;
  ignored: number;
}

function scoresByFolder(results: readonly MutantResult[]): FolderScore[] {
  const byFolder = new Map<string, FolderScore>();
  for (const result of results) {
    const folder = path.dirname(path.relative(process.cwd(), result.fileName));
    const score = byFolder.get(folder) ?? {
      folder,
      killed: 0,
      timeout: 0,
      survived: 0,
      noCoverage: 0,
      compileErrors: 0,
      ignored: 0,
    };
    switch (result.status) {
      case 'Killed':
        score.killed++;
        break;
      case 'Timeout':
        score.timeout++;
        break;
      case 'Survived':
        score.survived++;
        break;
      case 'NoCoverage':
        score.noCoverage++;
        break;
      case 'CompileError':
      case 'RuntimeError':
        score.compileErrors++;
        break;
      case 'Ignored':
      case 'Pending':
        score.ignored++;
        break;
    }
    byFolder.set(folder, score);
  }
  return [...byFolder.values()].sort((a, b) => a.folder.localeCompare(b.folder));
}

/** Killed share of the mutants that ran or had no test: (killed + timeout) / detectable. */
function percentKilled(s: FolderScore): string {
  const detected = s.killed + s.timeout;
  const total = detected + s.survived + s.noCoverage;
  return total === 0 ? 'n/a' : `${((100 * detected) / total).toFixed(1)} %`;
}

const rows: string[] = [];
for (const job of jobsFor(positionals)) {
  process.env.PARLEY_MUTATION_SCOPE = job.scope.name;
  const started = Date.now();
  const results = await new Stryker(strykerOptions(job)).runMutationTest();
  const seconds = (Date.now() - started) / 1000;
  const tested = results.filter((r) => !['Ignored', 'Pending', 'CompileError'].includes(r.status));
  console.log(
    `${job.scope.name}: ${results.length} mutants, ${tested.length} tested in ${seconds.toFixed(0)} s` +
      ` (${tested.length === 0 ? 'n/a' : (seconds / tested.length).toFixed(2)} s per tested mutant)`,
  );
  for (const s of scoresByFolder(results)) {
    rows.push(
      `| \`${s.folder}\` | ${percentKilled(s)} | ${s.killed + s.timeout} | ${s.survived} | ${s.noCoverage} | ${s.compileErrors} | ${s.ignored} |`,
    );
  }
}
console.log(
  '\n| Folder | Killed | Killed or timed out | Survived | No coverage | Compile errors | Ignored |',
);
console.log('| --- | --- | --- | --- | --- | --- | --- |');
console.log(rows.join('\n'));
