import { describe, expect, it } from 'vitest';
import { experimentConfigSchema } from './experimentConfig';
import type { EpochResult } from './experimentResults';
import { nextUnitIndex, planUnits, type ExperimentUnit } from './experimentUnits';

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

describe('nextUnitIndex', () => {
  // Seeds 1 and 2 prepared, seed 3 not started.
  const queue = planUnits(config, [1, 2, 3], [], (seed) => seed < 3);
  const preparedSeeds = new Set([1, 2]);
  const ready = (unit: ExperimentUnit) => unit.kind === 'prepare' || preparedSeeds.has(unit.seed);
  const at = (lastSeed: number | null) => queue[nextUnitIndex(queue, lastSeed, ready)];

  it('keeps a process to the seed it worked on last', () => {
    expect(at(2)).toEqual({ kind: 'method', seed: 2, method: 'SL' });
    expect(at(1)).toEqual({ kind: 'method', seed: 1, method: 'SL' });
  });

  it('starts a new seed before helping with another process’s seed', () => {
    expect(at(null)).toEqual({ kind: 'prepare', seed: 3 });
    expect(at(7)).toEqual({ kind: 'prepare', seed: 3 });
  });

  it('helps with any ready unit when no seed is left to start, and waits when none is ready', () => {
    const methodsOnly = queue.filter((unit) => unit.kind === 'method');
    expect(methodsOnly[nextUnitIndex(methodsOnly, 3, ready)]).toEqual({
      kind: 'method',
      seed: 1,
      method: 'SL',
    });
    const unprepared = methodsOnly.filter((unit) => unit.seed === 3);
    expect(nextUnitIndex(unprepared, 1, ready)).toBe(-1);
  });
});
