import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { actViolation } from '../shared/dialogue/actRules';
import type { DialogueState, Turn } from '../shared/dialogue/dialogue';
import { casino } from '../shared/domain/casino';
import { dealOrNoDeal } from '../shared/domain/dealOrNoDeal';
import { isValidAllocation } from '../shared/domain/allocation';
import { createRng } from '../shared/random/rng';
import { CheckpointFormatError, deserializePolicy, serializePolicy } from './checkpoint';
import { loadPolicyFile, savePolicyFile } from './checkpointFile';
import { cutAtMostNovel, mostNovel, noveltyOf } from './novelty';
import { createPolicy, type Policy } from './policy';
import { defaultPolicyConfig } from './policyConfig';
import { selfPlay } from './selfPlay';
import { trainSupervised } from './supervised';
import { scoreDialogues } from './teacherForcedScoring';
import { initTensorflow } from './tensorflowBackend';
import { scriptedCorpus } from './testing/scriptedCorpus';

let tf: Awaited<ReturnType<typeof initTensorflow>>['tf'];
let corpus: DialogueState[];
let trained: Policy;
let losses: number[];

beforeAll(async () => {
  ({ tf } = await initTensorflow());
  corpus = scriptedCorpus(dealOrNoDeal, 300, 11);
  trained = createPolicy(tf, defaultPolicyConfig('dealornodeal', 5));
  losses = trainSupervised(trained, corpus, { epochs: 12, seed: 5, learningRate: 0.01 });
});

describe('supervised learning', () => {
  it('lowers the loss and learns a deterministic scripted corpus', async () => {
    expect(losses.at(-1)!).toBeLessThan(losses[0]! * 0.5);
    // Held-out dialogues of the same population: the acts are near-certain under the model.
    const heldOut = scriptedCorpus(dealOrNoDeal, 50, 99);
    const scores = await scoreDialogues(trained, heldOut, 1);
    const agreeProbabilities = heldOut.map((d, i) =>
      Math.exp(scores[i]![d.turns.findIndex((t) => t.act.type === 'agree')]!),
    );
    const mean = agreeProbabilities.reduce((s, p) => s + p, 0) / agreeProbabilities.length;
    expect(mean).toBeGreaterThan(0.9);
  });

  it('is deterministic for a seed', () => {
    const train = () => {
      const policy = createPolicy(tf, defaultPolicyConfig('dealornodeal', 3));
      trainSupervised(policy, corpus.slice(0, 40), { epochs: 1, seed: 8 });
      return serializePolicy(policy, { createdAt: 'fixed' });
    };
    expect(Buffer.from(train()).equals(Buffer.from(train()))).toBe(true);
  });
});

describe('batched self-play', () => {
  for (const domain of [dealOrNoDeal, casino]) {
    it(`only ever plays legal acts and selections (${domain.name})`, async () => {
      const rng = createRng(21);
      const contexts = Array.from({ length: 300 }, () => domain.sampleContext(rng));
      const policies = [
        createPolicy(tf, defaultPolicyConfig(domain.id, 1)),
        createPolicy(tf, defaultPolicyConfig(domain.id, 2)),
      ] as const;
      const played = await selfPlay(policies, contexts, { seed: 4 });
      for (const { state, speakerLogProbs, listenerLogProbs } of played) {
        expect(state.outcome).not.toBeNull();
        state.turns.forEach((turn, t) => {
          expect(
            actViolation(domain, state.context, state.turns.slice(0, t), turn.speaker, turn.act),
          ).toBeNull();
        });
        if (state.outcome?.walkedAway === true) {
          expect(state.selections).toEqual([undefined, undefined]);
          continue;
        }
        for (const selection of state.selections) {
          expect(
            selection === null ||
              (selection !== undefined && isValidAllocation(state.context.counts, selection)),
          ).toBe(true);
        }
        expect(speakerLogProbs).toHaveLength(state.turns.length);
        expect(listenerLogProbs.every((lp) => lp <= 0 && Number.isFinite(lp))).toBe(true);
      }
    });
  }

  it('gives the same dialogues for the same seed and different ones for another', async () => {
    const rng = createRng(2);
    const contexts = Array.from({ length: 64 }, () => dealOrNoDeal.sampleContext(rng));
    const play = async (seed: number) =>
      JSON.stringify(
        (await selfPlay([trained, trained], contexts, { seed })).map((d) => d.state.turns),
      );
    expect(await play(1)).toBe(await play(1));
    expect(await play(1)).not.toBe(await play(2));
  });
});

describe('novelty', () => {
  it('ranks a planted out-of-distribution dialogue first and cuts right after its novel act', async () => {
    const ordinary = scriptedCorpus(dealOrNoDeal, 20, 123);
    const base = ordinary[0]!;
    // Alice (agent 0) opens as usual, then insists on her offer where Bob expects her to end.
    const opening = base.turns[0]!;
    const planted: Turn[] = [
      opening,
      { speaker: 1, act: { type: 'disagree' } },
      { speaker: 0, act: { type: 'propose', allocation: [0, 0, 0] } },
      { speaker: 1, act: { type: 'end' } },
    ];
    const dialogues = [
      ...ordinary.slice(1, 12),
      { ...base, turns: planted },
      ...ordinary.slice(12),
    ];
    const plantedIndex = 11;
    const bobScores = await scoreDialogues(trained, dialogues, 1);
    const novelty = dialogues.map((d, i) => noveltyOf(d.turns, bobScores[i]!, 0));
    expect(mostNovel(novelty, 1)).toEqual([plantedIndex]);
    expect(novelty[plantedIndex]!.mostNovelTurn).toBe(2);
    expect(cutAtMostNovel(planted, novelty[plantedIndex]!)).toEqual(planted.slice(0, 3));
  });
});

describe('checkpoints', () => {
  it('round-trip through bytes with identical predictions and metadata', async () => {
    const bytes = serializePolicy(trained, {
      createdAt: '2026-11-22T00:00:00Z',
      role: 'sl',
      seed: 5,
      metrics: { loss: losses.at(-1)! },
    });
    const { policy, metadata } = deserializePolicy(tf, bytes);
    expect(metadata).toMatchObject({
      format: 'parley-policy/1',
      role: 'sl',
      seed: 5,
      config: trained.config,
    });
    const sample = corpus.slice(0, 10);
    expect(await scoreDialogues(policy, sample, 0)).toEqual(
      await scoreDialogues(trained, sample, 0),
    );
  });

  it('round-trip through a file', async () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'parley-ckpt-')), 'bob.ckpt');
    savePolicyFile(file, trained, { createdAt: 'now', role: 'bob' });
    const { policy, metadata } = loadPolicyFile(tf, file);
    expect(metadata.role).toBe('bob');
    expect(fs.readdirSync(path.dirname(file))).toEqual(['bob.ckpt']);
    const sample = corpus.slice(0, 5);
    expect(await scoreDialogues(policy, sample, 1)).toEqual(
      await scoreDialogues(trained, sample, 1),
    );
  });

  it('rejects bytes that are not a checkpoint, or are cut short', () => {
    expect(() => deserializePolicy(tf, new Uint8Array([1, 2, 3, 4, 5, 6, 7, 8]))).toThrow(
      CheckpointFormatError,
    );
    const bytes = serializePolicy(trained, { createdAt: 'x' });
    expect(() => deserializePolicy(tf, bytes.subarray(0, bytes.length - 100))).toThrow(
      CheckpointFormatError,
    );
  });

  it('rejects a checkpoint trained on another vocabulary, naming both sizes', () => {
    const bytes = serializePolicy(trained, { createdAt: 'x' });
    const size = trained.shapes.vocabularySize;
    // The same header with the act head two tokens short (a policy from before a vocabulary change).
    const text = new TextDecoder('latin1').decode(bytes);
    const older = text.replace(
      `"name":"actB","shape":[${size}]`,
      `"name":"actB","shape":[${size - 2}]`,
    );
    expect(older).not.toBe(text);
    const olderBytes = Uint8Array.from(older, (c) => c.charCodeAt(0));
    expect(() => deserializePolicy(tf, olderBytes)).toThrow(
      new RegExp(`says ${size - 2} acts .* has ${size}`),
    );
  });
});
