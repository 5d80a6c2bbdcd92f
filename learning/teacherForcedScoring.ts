import type { AgentIndex } from '../shared/domain/types';
import type { Policy } from './policyNetwork';
import { buildSequenceBatch, type LearnableDialogue } from './sequenceBatch';
import { sequenceLogProbs } from './sequenceLogProbs';

/**
 * log p of every act of every dialogue under `policy`, seen from `perspective`'s side
 * (teacher forcing, batched; no per-dialogue model calls). Result[d][t] is act t of dialogue d.
 */
export async function scoreDialogues(
  policy: Policy,
  dialogues: readonly LearnableDialogue[],
  perspective: AgentIndex,
  batchSize = 1024,
): Promise<number[][]> {
  const { tf } = policy;
  const domain = policy.shapes.domain;
  const result: number[][] = [];
  for (let start = 0; start < dialogues.length; start += batchSize) {
    const slice = dialogues.slice(start, start + batchSize);
    const batch = buildSequenceBatch(
      domain,
      slice.map((dialogue) => ({ dialogue, perspective })),
    );
    const acts = tf.tidy(() => sequenceLogProbs(policy, batch).acts);
    const values = (await acts.data()) as Float32Array;
    acts.dispose();
    slice.forEach((dialogue, n) => {
      result.push(
        Array.from(values.subarray(n * batch.steps, n * batch.steps + dialogue.turns.length)),
      );
    });
  }
  return result;
}
