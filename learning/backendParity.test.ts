import { afterAll, describe, expect, it } from 'vitest';
import { dealOrNoDeal } from '../shared/domain/dealOrNoDeal';
import { createPolicy } from './policy';
import { defaultPolicyConfig } from './policyConfig';
import { trainSupervised } from './supervised';
import { scoreDialogues } from './teacherForcedScoring';
import { initTensorflow, switchBackend, type TensorflowBackend } from './tensorflowBackend';
import { scriptedCorpus } from './testing/scriptedCorpus';

/**
 * The engines must learn the same model: the same seed trained on the same batches gives the
 * same losses and the same scores on every backend, within float32 rounding. WASM is the
 * reference (the fallback that always installs); a backend that does not start here is skipped.
 */
interface Outcome {
  losses: number[];
  scores: number[];
}

const corpus = scriptedCorpus(dealOrNoDeal, 40, 3);

async function trainOn(backend: TensorflowBackend): Promise<Outcome | null> {
  const { tf } = await initTensorflow();
  if (!(await switchBackend(backend))) {
    return null;
  }
  const policy = createPolicy(tf, defaultPolicyConfig('dealornodeal', 4));
  const losses = trainSupervised(policy, corpus, { epochs: 2, seed: 4, batchSize: 16 });
  const scores = (await scoreDialogues(policy, corpus.slice(0, 8), 1)).flat();
  return { losses, scores };
}

function expectClose(actual: number[], expected: number[], tolerance: number): void {
  expect(actual).toHaveLength(expected.length);
  const worst = Math.max(...actual.map((a, i) => Math.abs(a - expected[i]!)));
  expect(worst).toBeLessThan(tolerance);
}

describe('backends agree', () => {
  let defaultBackend: TensorflowBackend;
  let reference: Outcome;

  afterAll(async () => {
    // Later tests in this worker expect the process's default backend back.
    await switchBackend(defaultBackend);
  });

  it('WASM trains (the reference)', async () => {
    ({ backend: defaultBackend } = await initTensorflow());
    const outcome = await trainOn('wasm');
    expect(outcome).not.toBeNull();
    reference = outcome!;
    expect(reference.losses[1]!).toBeLessThan(reference.losses[0]!);
  });

  for (const backend of ['tensorflow', 'cpu'] as const) {
    it(`${backend} gives WASM's losses and scores`, async (context) => {
      const outcome = await trainOn(backend);
      if (outcome === null) {
        context.skip(`backend ${backend} does not start here`);
        return;
      }
      // Measured: 1e-7 (losses) and 5e-7 (log-probabilities) after two epochs of Adam; a wrong
      // kernel or a mis-built binding is off by far more than 1e-4.
      expectClose(outcome.losses, reference.losses, 1e-4);
      expectClose(outcome.scores, reference.scores, 1e-4);
    });
  }
});
