import type { Connection } from 'mongoose';
import { createCheckpointStore } from '../../platform/checkpoints/checkpointStore';
import { defaultPopulation } from '../../shared/corpus/population';
import { dealOrNoDeal } from '../../shared/domain/dealOrNoDeal';
import { serializePolicy } from '../../learning/checkpoint';
import { createPolicy, disposePolicy } from '../../learning/policy';
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

/**
 * Untrained small checkpoints under the given versions, each from its own seed (so every one plays
 * differently), ready but nobody's current: for tests that call a stage directly and must tell
 * the checkpoints apart.
 */
export async function saveUntrainedCheckpoints(
  connection: Connection,
  versions: readonly { version: string; role: 'alice' | 'bob' | 'expert' }[],
): Promise<void> {
  const { tf } = await initTensorflow();
  const store = createCheckpointStore(connection);
  for (const [index, { version, role }] of versions.entries()) {
    const policy = createPolicy(tf, {
      ...defaultPolicyConfig('dealornodeal', 100 + index),
      hidden: 16,
    });
    await store.save(
      {
        version,
        domain: 'dealornodeal',
        role,
        training: {
          corpus: { seed: 'none', dialogues: 0, population: defaultPopulation },
          dialogueIds: [],
        },
      },
      serializePolicy(policy, { createdAt: new Date().toISOString() }),
    );
    disposePolicy(policy);
  }
}
