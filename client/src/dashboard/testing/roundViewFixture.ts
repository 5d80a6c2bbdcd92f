import type { RoundView } from '../../../../shared/protocol/rounds';
import { resultsFixture } from './resultsFixture';

/** A round as the server presents it, evaluated with fixture results unless `extra` says else. */
export function roundViewFixture(extra: Partial<RoundView> = {}): RoundView {
  const stage = { done: 0, total: 0 };
  // Partial, then asserted: fields added to RoundView later need not break the fixture.
  const base: Partial<RoundView> = {
    id: 'aaaaaaaaaaaaaaaaaaaaaaaa',
    owner: 'u',
    name: 'round',
    seed: 1,
    domain: 'dealornodeal',
    checkpoints: { alice: null, bob: null },
    selfPlayDialogues: 100,
    annotate: 20,
    noveltyMetric: 'minLogProb',
    oracleMix: { human: 0.5, simulatedExpert: 0.25, astra: 0.25 },
    redundancy: 1,
    goldRate: 0,
    retrainingPolicy: 'reviewed-accepted',
    aliceLearning: 'rl',
    order: 'second',
    status: 'evaluated',
    pausedFrom: null,
    progress: { 'self-play': stage, ranking: stage, annotating: stage, retraining: stage },
    results: resultsFixture(0.5),
    createdAt: '2026-01-01T00:00:00Z',
    updatedAt: '2026-01-01T00:00:00Z',
  };
  return { ...base, ...extra } as RoundView;
}
