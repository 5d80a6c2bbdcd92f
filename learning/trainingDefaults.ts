/**
 * The learning rates and RL schedule used when a caller does not choose its own: experiments'
 * `training` block and the platform's rounds both start from these.
 */
export const trainingDefaults = {
  /** Adam learning rate of SL (Bob's retraining, the expert, the initial models). */
  slLearningRate: 0.003,
  /** Adam learning rate of REINFORCE. */
  rlLearningRate: 0.001,
  /** Self-play tasks per policy-gradient update. */
  rlBatchSize: 64,
  /** γ: discount of earlier acts. */
  gamma: 0.95,
  /** Sampling temperature in training. */
  temperature: 1,
} as const;
