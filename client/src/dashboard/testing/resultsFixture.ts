import type { RunMetrics } from '../../../../shared/metrics/runMetrics';
import type { RoundResults } from '../../../../shared/protocol/rounds';

function metrics(level: number): RunMetrics {
  return {
    dialogues: 200,
    agreed: Math.round(200 * (0.6 + level / 10)),
    advantage: 0.5 + level,
    meanScore: 5 + level,
    meanPartnerScore: 4.5,
    agreementRate: 0.6 + level / 10,
    paretoOptimalRate: 0.5 + level / 8,
    maxJointRate: 0.3,
    equalScoreRate: 0.1,
    novelty: 0.4 - level / 20,
    meanLength: 7,
  };
}

/**
 * Fixture results for tests and screenshots (the pipeline fills real ones): epochs 0 and 1,
 * Bob improving by `gain`. Not used by the app itself.
 */
export function resultsFixture(gain: number): RoundResults {
  return {
    evaluations: [
      { epoch: 0, alice: metrics(0.4), bob: metrics(0), oracleShare: 0 },
      { epoch: 1, alice: metrics(0.4 - gain / 2), bob: metrics(gain), oracleShare: 0.35 },
    ],
    checkpoints: { alice: 'alice-v1', bobBefore: 'bob-v1', bobAfter: 'bob-v2' },
    training: {
      previousDialogues: 1000,
      humanAnnotations: 12,
      simulatedExpertAnnotations: 6,
      astraAnnotations: 6,
      excludedHumanAnnotations: 2,
    },
  };
}
