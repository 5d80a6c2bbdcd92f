import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyAct, startDialogue, type DialogueState } from '../../shared/dialogue/dialogue';
import { dealOrNoDeal } from '../../shared/domain/dealOrNoDeal';
import { createRng } from '../../shared/random/rng';
import { serializePolicy } from '../checkpoint';
import { createPolicy, type Policy } from '../policy';
import { defaultPolicyConfig } from '../policyConfig';
import { policyAct, policySelect } from '../policyReply';
import { trainSupervised } from '../supervised';
import { initTensorflowForReplies } from '../tensorflowBackend';
import { scriptedCorpus } from '../testing/scriptedCorpus';
import { createReplyThread, type ReplyThread } from './replyThread';

let policy: Policy;
let thread: ReplyThread;
const seed = 'reply-thread';

beforeAll(async () => {
  // The thread answers on WASM (initTensorflowForReplies); so does this side, for equal numbers.
  const { tf } = await initTensorflowForReplies();
  policy = createPolicy(tf, { ...defaultPolicyConfig('dealornodeal', 5), hidden: 24 });
  trainSupervised(policy, scriptedCorpus(dealOrNoDeal, 60, 4), { epochs: 2, seed: 5 });
  thread = createReplyThread();
  const bytes = serializePolicy(policy, { createdAt: '2026-12-07T00:00:00Z' });
  await thread.load('v1', () => Promise.resolve(bytes));
});
afterAll(async () => thread.close());

/** Dialogues of 0 to 5 acts, played by the policy itself (seed printed on failure). */
async function prefixes(): Promise<DialogueState[]> {
  const rng = createRng(seed);
  const states: DialogueState[] = [];
  for (let d = 0; d < 6; d++) {
    let state = startDialogue(dealOrNoDeal, dealOrNoDeal.sampleContext(rng), (d % 2) as 0 | 1);
    for (let t = 0; t < 6 && state.endedBy === null; t++) {
      states.push(state);
      const speaker = ((state.firstSpeaker + t) % 2) as 0 | 1;
      state = applyAct(state, speaker, await policyAct(policy, state, speaker, rng));
    }
    states.push(state);
  }
  return states;
}

describe(`the reply thread (seed "${seed}")`, () => {
  it('answers every act and selection as the policy on this thread does', async () => {
    const states = await prefixes();
    let acts = 0;
    for (const [i, state] of states.entries()) {
      const agent = (i % 2) as 0 | 1;
      expect(await thread.select('v1', state, agent)).toEqual(
        await policySelect(policy, state, agent),
      );
      if (state.endedBy !== null) {
        continue;
      }
      const turnSeed = `${seed}:${i}`;
      const speaker = ((state.firstSpeaker + state.turns.length) % 2) as 0 | 1;
      expect(await thread.act('v1', state, speaker, turnSeed)).toEqual(
        await policyAct(policy, state, speaker, createRng(turnSeed)),
      );
      acts++;
    }
    expect(acts).toBeGreaterThan(20);
  });

  it('refuses a version it has not loaded, naming it', async () => {
    const state = startDialogue(dealOrNoDeal, dealOrNoDeal.sampleContext(createRng(seed)), 0);
    await expect(thread.act('v2', state, 0, seed)).rejects.toThrow(
      'policy v2 is not loaded in the reply thread',
    );
  });

  it('loads a version once, however many turns ask at once', async () => {
    let reads = 0;
    const bytes = serializePolicy(policy, { createdAt: '2026-12-07T00:00:00Z' });
    await Promise.all(
      Array.from({ length: 5 }, () =>
        thread.load('v3', () => {
          reads++;
          return Promise.resolve(bytes);
        }),
      ),
    );
    expect(reads).toBe(1);
  });
});
