import { Types } from 'mongoose';
import { describe, expect, it } from 'vitest';
import type { Round } from './roundModel';
import { oracleMixOf } from './roundModel';
import { presentRound, progressEvent } from './roundPresenter';

const at = new Date('2026-03-01T10:00:00Z');

function storedRound(overrides: Partial<Round> = {}): Round {
  return {
    _id: new Types.ObjectId('65f0a0a0a0a0a0a0a0a0a0a0'),
    owner: 'researcher-1',
    name: 'r',
    domain: 'dealornodeal',
    checkpoints: { alice: null, bob: 'bob-v1' },
    selfPlayDialogues: 40,
    annotate: 4,
    noveltyMetric: 'minLogProb',
    oracleMix: { human: 0.5, simulatedExpert: 0.25, astra: 0.25 },
    aliceLearning: 'rl',
    order: 'first',
    redundancy: 2,
    goldRate: 0.1,
    retrainingPolicy: 'auto-accepted',
    seed: 9,
    status: 'self-play',
    pausedFrom: null,
    progress: {
      'self-play': { done: 12, total: 40 },
      ranking: { done: 0, total: 40 },
      annotating: { done: 0, total: 8 },
      retraining: { done: 0, total: 0 },
    },
    failure: null,
    activity: null,
    results: null,
    pipeline: null,
    createdAt: at,
    updatedAt: at,
    ...overrides,
  };
}

describe('how a stored round is presented', () => {
  it('carries the configuration as stored, ids and dates as strings', () => {
    const view = presentRound(storedRound());
    expect(view).toMatchObject({
      id: '65f0a0a0a0a0a0a0a0a0a0a0',
      checkpoints: { alice: null, bob: 'bob-v1' },
      oracleMix: { human: 0.5, simulatedExpert: 0.25, astra: 0.25 },
      aliceLearning: 'rl',
      order: 'first',
      failure: null,
      createdAt: '2026-03-01T10:00:00.000Z',
    });
  });

  it('reports the counters of a paused round’s stage, and a failure with its time', () => {
    const paused = progressEvent(storedRound({ status: 'paused', pausedFrom: 'self-play' }));
    expect(paused).toMatchObject({ stage: 'paused', pausedFrom: 'self-play', done: 12, total: 40 });
    const failed = progressEvent(
      storedRound({
        status: 'failed',
        failure: { stage: 'ranking', job: 'round.rank', reason: 'no checkpoint', at },
      }),
    );
    expect(failed).toMatchObject({ stage: 'failed', done: 0, total: 0 });
    expect(failed.failure).toEqual({
      stage: 'ranking',
      job: 'round.rank',
      reason: 'no checkpoint',
      at: '2026-03-01T10:00:00.000Z',
    });
  });

  it('refuses a round document without an oracle mix instead of inventing one', () => {
    expect(() => oracleMixOf(storedRound({ oracleMix: undefined }))).toThrow(/no oracle mix/);
  });
});
