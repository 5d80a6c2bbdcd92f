import { describe, expect, it } from 'vitest';
import type { LearnBenchResult } from './learnBenchResult';
import { formatLearnReference, learnRatios, parseReferenceOutput } from './learnReference';

// The reference script's report lines, as it prints them.
const output = [
  'torch 2.15.0+cu132, threads 2',
  'epoch: 313 batches, 20000 examples, S = [21]',
  'SL epoch, mirror (Parley op sequence): runs 15.10, 14.90 s; min 14.90, median 15.00',
  'SL epoch, fused (nn.Embedding + nn.GRU): runs 9.30, 9.10 s; min 9.10, median 9.20',
  'self-play model calls, 4,096 x 21 steps x 2 seats: runs 3.10 s; min 3.10, median 3.14',
  '  = 1305 dialogues/s (model side only)',
].join('\n');

const parley = {
  supervisedEpoch: {
    dialogues: 10_000,
    seconds: 21,
    batchSeconds: 3,
    stepSeconds: 18,
    stepRuns: [20, 18, 17.5],
  },
  selfPlay: { dialogues: 4096, seconds: 4096 / 522, perSecond: 522, meanLength: 14 },
} as LearnBenchResult;

describe('the PyTorch reference beside `parley bench learn`', () => {
  it('reads the medians and the self-play rate from its report', () => {
    expect(parseReferenceOutput(output)).toEqual({
      runtime: 'torch 2.15.0+cu132, threads 2',
      mirrorSeconds: 15,
      fusedSeconds: 9.2,
      selfPlayPerSecond: 1305,
    });
  });

  it('divides Parley by the reference (SL time) and the reference by Parley (rates)', () => {
    const ratios = learnRatios(parley, parseReferenceOutput(output));
    // The reference's batches are built before its clock starts: its epoch is set against
    // Parley's steps, and the whole epoch is shown beside it.
    expect(ratios.slMirror).toBeCloseTo(1.2);
    expect(ratios.slFused).toBeCloseTo(18 / 9.2);
    expect(ratios.slMirrorWithBatches).toBeCloseTo(1.4);
    expect(ratios.selfPlay).toBeCloseTo(2.5);
    expect(formatLearnReference(parseReferenceOutput(output), ratios)).toContain(
      "SL epoch's model steps 1.20× (same op sequence), 1.96× (nn.GRU) [issue 15 target ≤ 1.5×]; whole epoch with building the batches 1.40×",
    );
  });

  it('leaves out what the reference did not run', () => {
    const partial = parseReferenceOutput(output.split('\n').slice(0, 3).join('\n'));
    expect(partial.fusedSeconds).toBeNull();
    expect(learnRatios(parley, partial).selfPlay).toBeNull();
  });
});
