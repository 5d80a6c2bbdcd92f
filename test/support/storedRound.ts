import type { Connection } from 'mongoose';
import { roundModel } from '../../platform/rounds/roundModel';
import type { RoundStatus } from '../../shared/protocol/rounds';

/**
 * A round document in a given status with the given `pipeline` state, written straight to the
 * database, for tests that call one stage of the pipeline directly (no launch, no job runner).
 */
export async function storeRound(
  connection: Connection,
  status: RoundStatus,
  pipeline: Record<string, unknown> | null,
  fields: { seed?: number; owner?: string } = {},
): Promise<string> {
  const now = new Date();
  const round = await roundModel(connection).create({
    owner: fields.owner ?? 'owner',
    name: `a round in ${status}`,
    domain: 'dealornodeal',
    selfPlayDialogues: 8,
    annotate: 4,
    noveltyMetric: 'minLogProb',
    oracleMix: { human: 1, simulatedExpert: 0, astra: 0 },
    redundancy: 2,
    goldRate: 0,
    retrainingPolicy: 'auto-accepted',
    seed: fields.seed ?? 1,
    status,
    progress: {
      'self-play': { done: 8, total: 8 },
      ranking: { done: 8, total: 8 },
      annotating: { done: 0, total: 4 },
      retraining: { done: 0, total: 0 },
    },
    pipeline,
    createdAt: now,
    updatedAt: now,
  });
  return round._id.toHexString();
}
