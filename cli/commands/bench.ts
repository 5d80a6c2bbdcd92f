import { InvalidArgumentError, type Command } from 'commander';
import type { AstraBenchResult } from '../bench/astraBench';
import type { LearnRatios, LearnReference } from '../bench/learnReference';
import { commandConfig, commandLogger } from '../cliRuntime';

/** `parley bench <what>`: one subcommand per benchmark (others will join `astra`). */
export function registerBenchCommand(program: Command): void {
  const bench = program.command('bench').description('Benchmarks; each prints its measurements.');

  bench
    .command('astra')
    .description(
      'ASTRA suggestion latency (median, p95) over random states per domain, and LP exactness against brute force.',
    )
    .option('--states <n>', 'random states per domain', positiveInteger, 1000)
    .option('--seed <seed>', 'seed of the random states', 'bench-astra')
    .option('--json', 'print the results as JSON')
    .action(async (options: { states: number; seed: string; json?: boolean }) => {
      // Loaded here only, like every heavy dependency: ASTRA brings the LP solver.
      const { benchAstra } = await import('../bench/astraBench');
      const results = benchAstra(options.states, options.seed);
      console.log(options.json === true ? JSON.stringify(results, null, 2) : formatBench(results));
    });

  bench
    .command('learn')
    .description(
      'Learning throughput: batched vs one-at-a-time self-play, novelty scoring, an SL epoch, a TDA epoch of the paper preset.',
    )
    .option('--backend <name>', 'force a TensorFlow.js backend: tensorflow, wasm or cpu')
    .option('--skip-tda', 'leave out the (minutes-long) TDA epoch')
    .option(
      '--reference <script>',
      'then run the PyTorch reference script (ref_sl_epoch.py) and print the ratios (docs/native-engine.md)',
    )
    .option('--python <path>', 'the Python that runs --reference (with torch installed)', 'python3')
    .option(
      '--repeats <n>',
      "runs of the SL epoch's steps and of each reference measurement (the median counts)",
      positiveInteger,
      3,
    )
    .option(
      '--reference-threads <n>',
      "the reference's torch threads (1 on a busy machine: 2 OpenMP threads on oversubscribed cores run many times slower)",
      positiveInteger,
      2,
    )
    .option('--json', 'print the results as JSON')
    .action(
      async (options: {
        backend?: string;
        skipTda?: boolean;
        reference?: string;
        python: string;
        repeats: number;
        referenceThreads: number;
        json?: boolean;
      }) => {
        const backend = options.backend;
        if (
          backend !== undefined &&
          backend !== 'tensorflow' &&
          backend !== 'wasm' &&
          backend !== 'cpu'
        ) {
          throw new InvalidArgumentError(`unknown backend "${backend}"`);
        }
        // TensorFlow.js loads here only.
        const { benchLearn, formatLearnBench } = await import('../bench/learnBench');
        const results = await benchLearn({
          ...(backend === undefined ? {} : { backend }),
          skipTda: options.skipTda === true,
          slRepeats: options.repeats,
          log: (message) => console.error(message),
        });
        const { learnTargets } = await import('../bench/learnTargets');
        // After Parley's run, not beside it: the two would share the machine's two cores.
        let reference: { reference: LearnReference; ratios: LearnRatios } | null = null;
        if (options.reference !== undefined) {
          const { runLearnReference, learnRatios } = await import('../bench/learnReference');
          const measured = await runLearnReference({
            python: options.python,
            script: options.reference,
            repeats: options.repeats,
            threads: options.referenceThreads,
            log: (message) => console.error(message),
          });
          reference = { reference: measured, ratios: learnRatios(results, measured) };
        }
        const { formatLearnReference } = await import('../bench/learnReference');
        console.log(
          options.json === true
            ? JSON.stringify(
                { ...results, targets: learnTargets(results), ...(reference ?? {}) },
                null,
                2,
              )
            : [
                formatLearnBench(results),
                ...(reference === null
                  ? []
                  : [formatLearnReference(reference.reference, reference.ratios)]),
              ].join('\n'),
        );
      },
    );

  bench
    .command('api')
    .description(
      'REST throughput and latency of the hot read endpoints (health, round progress, rounds list, review queue) under autocannon load against a server process.',
    )
    .option('--connections <n>', 'concurrent connections', positiveInteger, 50)
    .option('--duration <s>', 'seconds per endpoint', positiveInteger, 10)
    .option('--json', 'print the results as JSON')
    .action(async (options: { connections: number; duration: number; json?: boolean }) => {
      const config = commandConfig();
      const log = commandLogger(config, 'bench');
      const { benchApi, formatApiBench } = await import('../bench/apiBench');
      const results = await benchApi({
        connections: options.connections,
        durationS: options.duration,
        config,
        log,
      });
      console.log(
        options.json === true
          ? JSON.stringify(results, null, 2)
          : formatApiBench(results, options.connections),
      );
      if (results.some((r) => r.errors > 0 || r.non2xx > 0)) {
        process.exitCode = 1;
      }
    });

  bench
    .command('server')
    .description(
      'Live annotation under load: N simulated crowd workers over real Socket.IO connections against a real server process; latencies, throughput, server RSS/CPU, and a check that nothing acknowledged was lost.',
    )
    .option('--annotators <n>', 'concurrent simulated annotators', positiveInteger, 200)
    .option('--duration <s>', 'seconds of load', positiveInteger, 30)
    .option(
      '--think <ms>',
      "a simulated human's time before each act (±50 %)",
      nonNegativeInteger,
      1000,
    )
    .option(
      '--alice <kind>',
      'who plays Alice live: astra, scripted, or neural (a policy checkpoint the bench trains first, played as in rounds)',
      'astra',
    )
    .option('--ramp-up <s>', 'annotators join evenly over this many seconds', nonNegativeInteger, 5)
    .option(
      '--sweep <list>',
      'run once per annotator count (e.g. 50,100,200,400) and report the knee: the first count whose p95 act → reply exceeds 250 ms',
    )
    .option('--json', 'print the results as JSON')
    .action(
      async (options: {
        annotators: number;
        duration: number;
        think: number;
        rampUp: number;
        alice: string;
        sweep?: string;
        json?: boolean;
      }) => {
        if (
          options.alice !== 'astra' &&
          options.alice !== 'scripted' &&
          options.alice !== 'neural'
        ) {
          throw new InvalidArgumentError(
            `unknown Alice "${options.alice}" (astra, scripted or neural)`,
          );
        }
        const alice = options.alice;
        const counts =
          options.sweep === undefined
            ? [options.annotators]
            : options.sweep.split(',').map((n) => positiveInteger(n.trim()));
        const config = commandConfig();
        const log = commandLogger(config, 'bench');
        const { benchServer, formatServerBench, kneeOf } = await import('../bench/serverBench');
        const results = [];
        for (const annotators of counts) {
          const result = await benchServer({
            annotators,
            durationS: options.duration,
            thinkMs: options.think,
            rampUpS: options.rampUp,
            alice,
            config,
            log,
          });
          results.push(result);
          if (options.json !== true) {
            console.log(formatServerBench(result));
          }
        }
        const knee = kneeOf(results);
        if (options.json === true) {
          console.log(JSON.stringify({ results, knee }, null, 2));
        } else if (counts.length > 1) {
          console.log(
            knee === null
              ? `knee: not reached (p95 act → reply ≤ 250 ms up to ${Math.max(...counts)} annotators)`
              : `knee: ${knee} annotators (the first count with p95 act → reply > 250 ms)`,
          );
        }
        if (results.some((r) => !r.checks.passed)) {
          process.exitCode = 1;
        }
      },
    );
}

function formatBench(results: readonly AstraBenchResult[]): string {
  return results
    .map(
      (r) =>
        `${r.domain}: ${r.states} states — suggest latency median ${r.medianMs.toFixed(2)} ms, p95 ${r.p95Ms.toFixed(2)} ms, max ${r.maxMs.toFixed(2)} ms; ` +
        `LP exactness ${r.lpExact}/${r.lpSolved} solved programs (${((100 * r.lpExact) / Math.max(1, r.lpSolved)).toFixed(2)} %) equal the brute-force optimum, ` +
        `${r.lpInfeasibleAgreed}/${r.lpInfeasible} infeasible programs confirmed infeasible`,
    )
    .join('\n');
}

function nonNegativeInteger(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) {
    throw new InvalidArgumentError('expected a non-negative integer');
  }
  return n;
}

function positiveInteger(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) {
    throw new InvalidArgumentError('expected a positive integer');
  }
  return n;
}
