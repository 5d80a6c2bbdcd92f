import { z } from 'zod';
import { defaultPopulation } from '../../shared/corpus/population';
import { domainIds } from '../../shared/domain/domains';
import { noveltyMetrics } from '../learning/novelty';

/** A training method of the paper's comparison (Kwon et al. 2021, §6). */
export const methodSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('sl') }),
  z.strictObject({ kind: z.literal('rl') }),
  /** RL with one SL example interleaved every `every` RL tasks. */
  z.strictObject({ kind: z.literal('rl+sl'), every: z.number().int().min(1) }),
  /** RL on rA + pA (Pareto bonus); `normalise` uses rA / maxScore. */
  z.strictObject({ kind: z.literal('re-rl'), normalise: z.boolean().default(false) }),
  z.strictObject({ kind: z.literal('tda'), order: z.enum(['first', 'second']) }),
]);
export type Method = z.infer<typeof methodSchema>;

export function methodName(method: Method): string {
  switch (method.kind) {
    case 'sl':
    case 'rl':
      return method.kind.toUpperCase();
    case 'rl+sl':
      return `RL+SL (n=${method.every})`;
    case 're-rl':
      return method.normalise ? 'RL + Pareto (rA/10)' : 'RL + Pareto';
    case 'tda':
      return `TDA (${method.order} order)`;
  }
}

export const experimentConfigSchema = z.strictObject({
  domain: z.enum(domainIds as [string, ...string[]]).default('dealornodeal'),
  /** D_H: synthetic dialogues from scripted negotiators, or a JSONL file of dialogue records. */
  data: z
    .discriminatedUnion('source', [
      z.strictObject({
        source: z.literal('synthetic'),
        dialogues: z.number().int().min(10),
        population: z.string().default(defaultPopulation),
      }),
      z.strictObject({ source: z.literal('file'), path: z.string().min(1) }),
    ])
    .default({ source: 'synthetic', dialogues: 3000, population: defaultPopulation }),
  /** Alice and Bob start as SL on D_L, or (`scratch`) from random weights. */
  init: z.enum(['sl-low', 'scratch']).default('sl-low'),
  epochs: z.number().int().min(1).default(5),
  /** N: self-play tasks per epoch. */
  tasksPerEpoch: z.number().int().min(1).default(4086),
  /** k: dialogues the oracle continues per epoch (TDA). */
  annotatePerEpoch: z.number().int().min(1).default(400),
  evaluationContexts: z.number().int().min(1).default(500),
  noveltyMetric: z.enum(noveltyMetrics as [string, ...string[]]).default('minLogProb'),
  /** Who takes Bob's seat for TDA: the simulated expert (SL on D_H) or ASTRA. */
  oracle: z.enum(['expert', 'astra']).default('expert'),
  methods: z.array(methodSchema).min(1),
  model: z
    .strictObject({
      embedding: z.number().int().min(4).default(32),
      context: z.number().int().min(4).default(32),
      hidden: z.number().int().min(8).default(64),
      selection: z.number().int().min(8).default(64),
      selectionWeight: z.number().min(0).default(0.5),
    })
    .default({ embedding: 32, context: 32, hidden: 64, selection: 64, selectionWeight: 0.5 }),
  training: z
    .strictObject({
      expertEpochs: z.number().int().min(1).default(8),
      initEpochs: z.number().int().min(1).default(6),
      bobEpochs: z.number().int().min(1).default(1),
      slLearningRate: z.number().positive().default(0.003),
      rlLearningRate: z.number().positive().default(0.001),
      rlBatchSize: z.number().int().min(1).default(64),
      gamma: z.number().min(0).max(1).default(0.95),
      temperature: z.number().positive().default(1),
      // Measured: at 0.5 the SL models loop on insist and agree far less often than at 1.
      evaluationTemperature: z.number().positive().default(1),
    })
    .default({
      expertEpochs: 8,
      initEpochs: 6,
      bobEpochs: 1,
      slLearningRate: 0.003,
      rlLearningRate: 0.001,
      rlBatchSize: 64,
      gamma: 0.95,
      temperature: 1,
      evaluationTemperature: 1,
    }),
});

export type ExperimentConfig = z.infer<typeof experimentConfigSchema>;
export type ExperimentConfigInput = z.input<typeof experimentConfigSchema>;

const allMethods: Method[] = [
  { kind: 'sl' },
  { kind: 'rl' },
  { kind: 'rl+sl', every: 4 },
  { kind: 're-rl', normalise: false },
  { kind: 'tda', order: 'second' },
  { kind: 'tda', order: 'first' },
];

/**
 * `smoke`: every method on a tiny problem, for CI (well under two minutes on 2 cores).
 * `medium`: the paper's five epochs at a quarter of its size (~6 minutes a seed on 2 cores).
 * `paper`: the paper's shape — 5 epochs of N = 4,086 self-play tasks (run with --seeds 20;
 * hours; resumable). `scratch`: as `paper` but Alice and Bob start from random weights (§7.1).
 */
export const experimentPresets = {
  smoke: {
    data: { source: 'synthetic', dialogues: 1000 },
    epochs: 2,
    tasksPerEpoch: 256,
    annotatePerEpoch: 32,
    evaluationContexts: 128,
    methods: allMethods,
    training: { expertEpochs: 5, initEpochs: 4 },
  },
  medium: {
    data: { source: 'synthetic', dialogues: 3000 },
    epochs: 5,
    tasksPerEpoch: 1024,
    annotatePerEpoch: 100,
    evaluationContexts: 300,
    methods: allMethods,
    training: { expertEpochs: 6, initEpochs: 4 },
  },
  paper: { data: { source: 'synthetic', dialogues: 10000 }, methods: allMethods },
  scratch: {
    data: { source: 'synthetic', dialogues: 10000 },
    init: 'scratch',
    methods: allMethods,
  },
} as const satisfies Record<string, ExperimentConfigInput>;

export type ExperimentPreset = keyof typeof experimentPresets;

export function isExperimentPreset(name: string): name is ExperimentPreset {
  return Object.hasOwn(experimentPresets, name);
}
