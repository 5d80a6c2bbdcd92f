import type { PolicyConfig } from '../learning/policyConfig';
import { trainingDefaults } from '../learning/trainingDefaults';

/**
 * Sizes of the work a round does besides its own parameters. The defaults keep a bootstrap and
 * a retraining to seconds on 2 cores; tests pass smaller ones.
 */
export interface PipelineSettings {
  /** Synthetic corpus of a bootstrap: D_H for the expert, its low-quality part D_L for Alice/Bob. */
  bootstrapDialogues: number;
  expertEpochs: number;
  initEpochs: number;
  /** SL passes of Bob over D ∪ D′ (and, first order, of Alice over D′). */
  retrainEpochs: number;
  /** Alice's REINFORCE during self-play (rounds with `aliceLearning: rl`). */
  rl: { learningRate: number; batchSize: number; gamma: number; temperature: number };
  /** Adam learning rate of the retraining. */
  slLearningRate: number;
  evaluationContexts: number;
  evaluationTemperature: number;
  /** Self-play dialogues per chunk: progress, pause and cancel are honoured between chunks. */
  chunkSize: number;
  /** How often the annotating stage looks for finished human annotations. */
  annotatingPollMs: number;
  model: Omit<PolicyConfig, 'domainId' | 'seed'>;
}

export const defaultPipelineSettings: PipelineSettings = {
  bootstrapDialogues: 400,
  expertEpochs: 3,
  initEpochs: 2,
  retrainEpochs: 2,
  rl: {
    learningRate: trainingDefaults.rlLearningRate,
    batchSize: trainingDefaults.rlBatchSize,
    gamma: trainingDefaults.gamma,
    temperature: trainingDefaults.temperature,
  },
  slLearningRate: trainingDefaults.slLearningRate,
  evaluationContexts: 64,
  evaluationTemperature: 0.5,
  chunkSize: 32,
  annotatingPollMs: 2_000,
  model: { embedding: 32, context: 32, hidden: 64, selection: 64, selectionWeight: 0.5 },
};
