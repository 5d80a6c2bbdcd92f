import { describe, expect, it } from 'vitest';
import { experimentConfigSchema } from './experimentConfig';
import type { EpochResult } from './experimentResults';
import { planUnits } from './experimentUnits';

const config = experimentConfigSchema.parse({
  epochs: 1,
  methods: [{ kind: 'sl' }, { kind: 'rl' }],
});

const evaluation = (seed: number, method: string, epoch: number) =>
  ({ seed, method, epoch }) as EpochResult;

describe('planUnits', () => {
  it('puts each seed’s preparation before its methods, in the sequential order', () => {
    expect(planUnits(config, [1, 2], [], () => false)).toEqual([
      { kind: 'prepare', seed: 1 },
      { kind: 'method', seed: 1, method: 'SL' },
      { kind: 'method', seed: 1, method: 'RL' },
      { kind: 'prepare', seed: 2 },
      { kind: 'method', seed: 2, method: 'SL' },
      { kind: 'method', seed: 2, method: 'RL' },
    ]);
  });

  it('skips finished methods, seeds with nothing left, and preparations already made', () => {
    const previous = [
      evaluation(1, 'SL', 0),
      evaluation(1, 'SL', 1),
      evaluation(1, 'RL', 0),
      evaluation(1, 'RL', 1),
      evaluation(2, 'SL', 0),
      evaluation(2, 'SL', 1),
      evaluation(2, 'RL', 0), // cut short: redone
    ];
    expect(planUnits(config, [1, 2, 3], previous, (seed) => seed === 2)).toEqual([
      { kind: 'method', seed: 2, method: 'RL' },
      { kind: 'prepare', seed: 3 },
      { kind: 'method', seed: 3, method: 'SL' },
      { kind: 'method', seed: 3, method: 'RL' },
    ]);
  });
});
