import type { Connection } from 'mongoose';
import { createCheckpointStore } from '../../server/checkpoints/checkpointStore';
import { defaultPopulation } from '../../shared/corpus/population';
import { dealOrNoDeal } from '../../shared/domain/dealOrNoDeal';
import { serializePolicy } from '../../workers/learning/checkpoint';
import { createPolicy } from '../../workers/learning/policy';
import { defaultPolicyConfig } from '../../workers/learning/policyConfig';
import { trainSupervised } from '../../workers/learning/supervised';
import { initTensorflow } from '../../workers/learning/tensorflowBackend';
import { scriptedCorpus } from '../../workers/learning/testing/scriptedCorpus';

/**
 * Small current checkpoints (`small-expert`, `small-alice`, `small-bob`) for DealOrNoDeal, so a
 * worker process runs a round without the seconds-long bootstrap.
 */
export async function seedSmallCheckpoints(connection: Connection): Promise<void> {
  const { tf } = await initTensorflow();
  const store = createCheckpointStore(connection);
  const corpus = { seed: 'small-checkpoints', dialogues: 40, population: defaultPopulation };
  for (const role of ['expert', 'alice', 'bob'] as const) {
    const policy = createPolicy(tf, { ...defaultPolicyConfig('dealornodeal', 5), hidden: 16 });
    trainSupervised(policy, scriptedCorpus(dealOrNoDeal, 30, 5), { epochs: 1, seed: role });
    await store.save(
      {
        version: `small-${role}`,
        domain: 'dealornodeal',
        role,
        training: { corpus, dialogueIds: [] },
      },
      serializePolicy(policy, { createdAt: new Date().toISOString() }),
    );
    await store.makeCurrent(`small-${role}`);
  }
}
