import type { ExperimentConfigInput, Method } from '../../experiments/experimentConfig';

/**
 * The experiments behind `parley reproduce tda`. Each is a `parley experiment` run laid over the
 * `human` preset (human DealOrNoDeal as D_H), so the reproduction uses the same pipeline, the
 * same resumable results.json, and (once given) the same parallel runner as any experiment.
 *
 * - `main`: every method of §6 (Fig. 2 and 3, the alternative metrics), both reward-engineering
 *   variants (§7.3) and both orders of TDA (§7.4).
 * - `scratch`: Alice and Bob from random weights (§7.1, Fig. 5).
 * - `rl-sl`: RL+SL over its schedule n (§7.2, Fig. 6).
 */
export const tdaStudyNames = ['main', 'scratch', 'rl-sl'] as const;
export type TdaStudyName = (typeof tdaStudyNames)[number];

export interface TdaStudy {
  name: TdaStudyName;
  title: string;
  seeds: number;
  /** Laid over the `human` preset (`parley experiment --preset human --config …`). */
  config: ExperimentConfigInput;
}

export type TdaMode = 'quick' | 'full';

/** RL+SL schedules of the sweep (§7.2): the paper's range, 1 to 4,085. */
export const fullSweep = [1, 4, 16, 64, 256, 1024, 4085] as const;
/** The quick sweep stops at N (128): beyond it an epoch has no SL example at all. */
export const quickSweep = [1, 4, 16, 64, 128] as const;

const mainMethods: Method[] = [
  { kind: 'sl' },
  { kind: 'rl' },
  { kind: 'rl+sl', every: 4 },
  { kind: 're-rl', normalise: false },
  { kind: 're-rl', normalise: true },
  { kind: 'tda', order: 'second' },
  { kind: 'tda', order: 'first' },
];

const scratchMethods: Method[] = [{ kind: 'sl' }, { kind: 'rl' }, { kind: 'tda', order: 'second' }];

/**
 * Quick: minutes on a 2-core machine, a first look (small N, 2 epochs, 3 seeds). Full: the paper's shape (5 epochs, N = 4,086,
 * k = 400, 500 evaluation contexts) with `seeds` seeds (the paper: 20); hours, resumable.
 */
export function tdaStudies(mode: TdaMode, seeds?: number): TdaStudy[] {
  const sizes: ExperimentConfigInput =
    mode === 'quick'
      ? {
          epochs: 2,
          tasksPerEpoch: 128,
          annotatePerEpoch: 16,
          evaluationContexts: 64,
          training: { expertEpochs: 2, initEpochs: 2 },
        }
      : {};
  // Three seeds at least: with two, the interval rests on a single difference of differences.
  const mainSeeds = seeds ?? (mode === 'quick' ? 3 : 5);
  const sideSeeds = mainSeeds;
  const sweep = mode === 'quick' ? quickSweep : fullSweep;
  return [
    {
      name: 'main',
      title: 'Every method from SL on D_L (§6, §7.3, §7.4)',
      seeds: mainSeeds,
      config: { ...sizes, methods: mainMethods },
    },
    {
      name: 'scratch',
      title: 'From random weights (§7.1)',
      seeds: sideSeeds,
      config: { ...sizes, init: 'scratch', methods: scratchMethods },
    },
    {
      name: 'rl-sl',
      title: 'RL+SL over its schedule n (§7.2)',
      seeds: sideSeeds,
      config: { ...sizes, methods: sweep.map((every) => ({ kind: 'rl+sl', every })) },
    },
  ];
}
