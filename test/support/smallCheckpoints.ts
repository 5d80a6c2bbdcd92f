import type { Connection } from 'mongoose';
import { createCheckpointStore } from '../../platform/checkpoints/checkpointStore';
import { defaultPopulation } from '../../shared/corpus/population';
import { dealOrNoDeal } from '../../shared/domain/dealOrNoDeal';
import { serializePolicy } from '../../learning/checkpoint';
import { createPolicy } from '../../learning/policy';
import { defaultPolicyConfig } from '../../learning/policyConfig';
import { trainSupervised } from '../../learning/supervised';
import { initTensorflow } from '../../learning/tensorflowBackend';
import { scriptedCorpus } from '../../learning/testing/scriptedCorpus';

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
