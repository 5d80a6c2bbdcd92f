import { describe, expect, it } from 'vitest';
import type { LearnBenchResult } from './learnBench';
import { formatLearnBench, learnTargets } from './learnTargets';

const slow: LearnBenchResult = {
  backend: 'wasm',
  model: { embedding: 32, context: 32, hidden: 64, selection: 64 },
  selfPlay: { dialogues: 4096, seconds: 8, perSecond: 512, meanLength: 6 },
  unbatched: { dialogues: 100, perSecond: 20 },
  novelty: { dialogues: 4096, seconds: 3 },
  supervisedEpoch: {
    dialogues: 10_000,
    seconds: 95,
    batchSeconds: 10,
    stepSeconds: 85,
    stepRuns: [90, 85, 84],
  },
  acquisitionEpoch: null,
};

describe('parley bench learn against its targets', () => {
  it('says which targets a run missed, and that a skipped one was not measured', () => {
    expect(learnTargets(slow).map((t) => t.met)).toEqual([false, true, false, null]);
    const text = formatLearnBench(slow);
    expect(text).toMatch(/512 \/s .*\[target ≥ 1,000 \/s: MISSED\]/);
    expect(text).toMatch(/3\.00 s\s+\[target ≤ 5 s: met\]/);
    expect(text).toMatch(
      /95\.0 s \(building the batches 10\.0 s, model steps 85\.0 s, the median of 90\.0, 85\.0, 84\.0\)\s+\[target ≤ 60 s: MISSED\]/,
    );
    expect(text).toMatch(/TDA epoch: skipped\s+\[target ≤ 180 s: not measured\]/);
    expect(text).toMatch(/one at a time.*\[no target\]/);
    expect(text.split('\n').at(-1)).toBe(
      'targets: 1 of 3 met; missed: self-play (batched) (≥ 1,000 /s), SL epoch (≤ 60 s)',
    );
  });

  it('says when every measured target was met', () => {
    const fast = {
      ...slow,
      selfPlay: { ...slow.selfPlay, perSecond: 1500 },
      supervisedEpoch: {
        dialogues: 10_000,
        seconds: 40,
        batchSeconds: 5,
        stepSeconds: 35,
        stepRuns: [36, 35, 34],
      },
      acquisitionEpoch: { tasks: 4086, annotated: 400, bobData: 3000, seconds: 120 },
    };
    expect(formatLearnBench(fast).split('\n').at(-1)).toBe('targets: all 4 met');
  });
});
