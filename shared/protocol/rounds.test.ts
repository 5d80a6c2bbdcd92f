import { describe, expect, it } from 'vitest';
import { createRoundBodySchema, promoteRoundBodySchema, roundIdParamsSchema } from './rounds';

const minimal = {
  name: ' pilot ',
  domain: 'dealornodeal',
  selfPlayDialogues: 10,
  annotate: 10,
  oracleMix: { human: 0.5, simulatedExpert: 0.25, astra: 0.25 },
};
const valid = (body: object) => createRoundBodySchema.safeParse(body).success;

describe('a new round', () => {
  it('gets the stated defaults for everything a researcher leaves out', () => {
    expect(createRoundBodySchema.parse(minimal)).toEqual({
      name: 'pilot',
      domain: 'dealornodeal',
      checkpoints: { alice: null, bob: null },
      selfPlayDialogues: 10,
      annotate: 10,
      noveltyMetric: 'minLogProb',
      oracleMix: { human: 0.5, simulatedExpert: 0.25, astra: 0.25 },
      aliceLearning: 'rl',
      order: 'second',
      redundancy: 1,
      goldRate: 0,
      retrainingPolicy: 'reviewed-accepted',
      seed: 1,
    });
  });

  it('accepts every setting at its limits', () => {
    const full = {
      ...minimal,
      name: 'n'.repeat(120),
      domain: 'casino',
      checkpoints: { alice: 'a'.repeat(100), bob: 'b' },
      selfPlayDialogues: 100_000,
      annotate: 10_000,
      noveltyMetric: 'meanProb',
      oracleMix: { human: 0, simulatedExpert: 0, astra: 1 },
      aliceLearning: 'frozen',
      order: 'first',
      redundancy: 20,
      goldRate: 1,
      retrainingPolicy: 'auto-accepted',
      seed: 2 ** 31 - 1,
    };
    expect(createRoundBodySchema.parse(full)).toEqual(full);
    expect(valid({ ...minimal, selfPlayDialogues: 1, annotate: 1, redundancy: 1, seed: 0 })).toBe(
      true,
    );
  });

  it('refuses each setting just past its limits, and unknown ones', () => {
    for (const change of [
      { name: '   ' },
      { name: 'n'.repeat(121) },
      { domain: 'chess' },
      { checkpoints: { alice: '', bob: null } },
      { checkpoints: { alice: 'a'.repeat(101), bob: null } },
      { checkpoints: { alice: null } },
      { checkpoints: { alice: null, bob: null, carol: null } },
      { selfPlayDialogues: 0, annotate: 0 },
      { selfPlayDialogues: 100_001 },
      { selfPlayDialogues: 20_000, annotate: 10_001 },
      { selfPlayDialogues: 10.5 },
      { noveltyMetric: 'maxProb' },
      { oracleMix: { human: 1.5, simulatedExpert: -0.5, astra: 0 } },
      { oracleMix: { human: 1, simulatedExpert: 0 } },
      { oracleMix: { human: 1, simulatedExpert: 0, astra: 0, crowd: 0 } },
      { aliceLearning: 'sl' },
      { order: 'third' },
      { redundancy: 0 },
      { redundancy: 21 },
      { goldRate: 1.01 },
      { goldRate: -0.01 },
      { retrainingPolicy: 'everything' },
      { seed: -1 },
      { seed: 2 ** 31 },
      { seed: 1.5 },
      { color: 'blue' },
    ]) {
      expect(valid({ ...minimal, ...change }), JSON.stringify(change)).toBe(false);
    }
  });

  it('needs the oracle mix to add up to 1 and no more annotations than self-play dialogues', () => {
    const mix = createRoundBodySchema.safeParse({
      ...minimal,
      oracleMix: { human: 0.5, simulatedExpert: 0.25, astra: 0.2 },
    });
    expect(mix.error?.issues.map((i) => [i.path.join('.'), i.message])).toEqual([
      ['oracleMix', 'the oracle mix proportions must add up to 1'],
    ]);
    // Within floating-point rounding of 1 is 1.
    expect(valid({ ...minimal, oracleMix: { human: 0.1, simulatedExpert: 0.2, astra: 0.7 } })).toBe(
      true,
    );
    const more = createRoundBodySchema.safeParse({ ...minimal, annotate: 11 });
    expect(more.error?.issues.map((i) => [i.path.join('.'), i.message])).toEqual([
      ['annotate', 'cannot annotate more dialogues than self-play produces'],
    ]);
  });
});

describe('round ids and promotion', () => {
  it('takes a round id of 24 lower-case hexadecimal digits', () => {
    expect(roundIdParamsSchema.safeParse({ roundId: '0123456789abcdef01234567' }).success).toBe(
      true,
    );
    for (const roundId of ['0123456789ABCDEF01234567', '0123456789abcdef0123456', 'z'.repeat(24)]) {
      expect(roundIdParamsSchema.safeParse({ roundId }).success, roundId).toBe(false);
    }
  });

  it("promotes to the owner's default unless told everyone", () => {
    expect(promoteRoundBodySchema.parse({})).toEqual({ scope: 'owner' });
    expect(promoteRoundBodySchema.parse({ scope: 'everyone' })).toEqual({ scope: 'everyone' });
    expect(promoteRoundBodySchema.safeParse({ scope: 'domain' }).success).toBe(false);
  });
});
