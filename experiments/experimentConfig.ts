import { z } from 'zod';
import { defaultLowQualityRule, lowQualityRules } from '../shared/corpus/uniqueActs';
import { defaultPopulation } from '../shared/corpus/population';
import { domainIds } from '../shared/domain/domains';
import { noveltyMetrics } from '../learning/novelty';

/** A training method of the paper's comparison (Kwon et al. 2021, §6). */
export const methodSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('sl') }).describe('SL: no updates (the passive baseline).'),
  z.strictObject({ kind: z.literal('rl') }).describe('RL: REINFORCE against a fixed Bob.'),
  z
    .strictObject({ kind: z.literal('rl+sl'), every: z.number().int().min(1) })
    .describe('RL+SL: one SL example from D_L interleaved every `every` RL tasks.'),
  z
    .strictObject({ kind: z.literal('re-rl'), normalise: z.boolean().default(false) })
    .describe('Reward-engineered RL on rA + pA (Pareto bonus); `normalise` uses rA / maxScore.'),
  z
    .strictObject({ kind: z.literal('tda'), order: z.enum(['first', 'second']) })
    .describe(
      'TDA: second order (only Bob learns from the annotations) or first order (Alice too).',
    ),
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

/** Every method of the paper's comparison, in its order. */
const allMethods: Method[] = [
  { kind: 'sl' },
  { kind: 'rl' },
  { kind: 'rl+sl', every: 4 },
  { kind: 're-rl', normalise: false },
  { kind: 'tda', order: 'second' },
  { kind: 'tda', order: 'first' },
];

export const experimentConfigSchema = z.strictObject({
  domain: z
    .enum(domainIds as [string, ...string[]])
    .default('dealornodeal')
    .describe('The negotiation domain.'),
  data: z
    .discriminatedUnion('source', [
      z.strictObject({
        source: z.literal('synthetic'),
        dialogues: z.number().int().min(10).describe('How many dialogues to generate.'),
        population: z
          .string()
          .default(defaultPopulation)
          .describe('The scripted negotiators and their weights (`parley corpus generate --mix`).'),
      }),
      z.strictObject({
        source: z.literal('file'),
        path: z
          .string()
          .min(1)
          .describe(
            'A JSONL file of dialogue records (docs/formats.md), or a DealOrNoDeal text file (one side per line).',
          ),
      }),
    ])
    .default({ source: 'synthetic', dialogues: 3000, population: defaultPopulation })
    .describe(
      'D_H: synthetic dialogues from scripted negotiators, or a file of dialogue records (JSONL, or DealOrNoDeal lines as `parley import dealornodeal` reads them). D_L is its low-quality subset (`lowQuality`).',
    ),
  lowQuality: z
    .enum(lowQualityRules)
    .default(defaultLowQualityRule)
    .describe(
      'How D_L is read from D_H: `act-types` (at most 2 of propose/insist/agree/disagree/inquire/greet/unknown; short, agreeable dialogues, as the paper describes D_L) or `literal` (distinct act tokens / acts < 0.5).',
    ),
  init: z
    .enum(['sl-low', 'scratch'])
    .default('sl-low')
    .describe('Alice and Bob start as SL on D_L (`sl-low`) or from random weights (`scratch`).'),
  epochs: z.number().int().min(1).default(5).describe('Training epochs per method.'),
  tasksPerEpoch: z.number().int().min(1).default(4086).describe('N: self-play tasks per epoch.'),
  annotatePerEpoch: z
    .number()
    .int()
    .min(1)
    .default(400)
    .describe('k: the most novel dialogues the oracle continues per epoch (TDA).'),
  evaluationContexts: z
    .number()
    .int()
    .min(1)
    .default(500)
    .describe('Held-out contexts Alice and Bob play the expert on after every epoch.'),
  noveltyMetric: z
    .enum(noveltyMetrics as [string, ...string[]])
    .default('minLogProb')
    .describe("How TDA ranks dialogues by Bob's log-probabilities of Alice's acts."),
  oracle: z
    .enum(['expert', 'astra'])
    .default('expert')
    .describe("Who takes Bob's seat for TDA: the simulated expert (SL on D_H) or ASTRA."),
  methods: z
    .array(methodSchema)
    .min(1)
    .default(() => [...allMethods])
    .describe('The methods to compare (below); all six when left out.'),
  model: z
    .strictObject({
      embedding: z.number().int().min(4).default(32).describe('Act embedding size.'),
      context: z.number().int().min(4).default(32).describe('Context encoding size.'),
      hidden: z.number().int().min(8).default(64).describe('GRU hidden size.'),
      selection: z.number().int().min(8).default(64).describe('Selection head size.'),
      selectionWeight: z
        .number()
        .min(0)
        .default(0.5)
        .describe('α: weight of the selection loss next to the act loss.'),
    })
    .default({ embedding: 32, context: 32, hidden: 64, selection: 64, selectionWeight: 0.5 })
    .describe('The policy network (Alice, Bob and the expert).'),
  training: z
    .strictObject({
      expertEpochs: z.number().int().min(1).default(8).describe('SL epochs of the expert on D_H.'),
      initEpochs: z
        .number()
        .int()
        .min(1)
        .default(6)
        .describe('SL epochs of the initial Alice and Bob on D_L.'),
      bobEpochs: z
        .number()
        .int()
        .min(1)
        .default(1)
        .describe("SL epochs of Bob's retraining per TDA epoch."),
      slLearningRate: z.number().positive().default(0.003).describe('Adam learning rate of SL.'),
      rlLearningRate: z
        .number()
        .positive()
        .default(0.001)
        .describe('Adam learning rate of REINFORCE.'),
      rlBatchSize: z.number().int().min(1).default(64).describe('Self-play tasks per RL update.'),
      gamma: z.number().min(0).max(1).default(0.95).describe('γ: the RL discount per act.'),
      temperature: z.number().positive().default(1).describe('Sampling temperature in training.'),
      // Measured: at 0.5 the SL models loop on insist and agree far less often than at 1.
      evaluationTemperature: z
        .number()
        .positive()
        .default(1)
        .describe('Sampling temperature in evaluation.'),
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
    })
    .describe('Training schedules and rates.'),
});

export type ExperimentConfig = z.infer<typeof experimentConfigSchema>;
export type ExperimentConfigInput = z.input<typeof experimentConfigSchema>;

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
  // Human DealOrNoDeal data: give the file with --data (a .txt of the original format or JSONL).
  'human-smoke': {
    epochs: 1,
    tasksPerEpoch: 128,
    annotatePerEpoch: 16,
    evaluationContexts: 64,
    methods: allMethods,
    training: { expertEpochs: 2, initEpochs: 2, temperature: 0.5, evaluationTemperature: 0.5 },
  },
  // The reference implementation's sampling temperature (end-to-end-negotiator's README runs
  // reinforce.py and selfplay.py with --temperature 0.5); at 1 the expert's deals are far less
  // Pareto-efficient than people's (docs/experiments.md compares both).
  human: { methods: allMethods, training: { temperature: 0.5, evaluationTemperature: 0.5 } },
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
