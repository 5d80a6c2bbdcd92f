import { describe, expect, it } from 'vitest';
import { defaultPopulation, formatPopulation, parsePopulation } from './population';

describe('parsePopulation', () => {
  it('reads name:weight pairs, weight 1 by default', () => {
    expect(parsePopulation('boulware:2, conceder:1,tft,random:0.5')).toEqual([
      { name: 'boulware', weight: 2 },
      { name: 'conceder', weight: 1 },
      { name: 'tft', weight: 1 },
      { name: 'random', weight: 0.5 },
    ]);
    expect(formatPopulation(parsePopulation(defaultPopulation))).toBe(defaultPopulation);
    expect(parsePopulation(' boulware : 2 ,tft ')).toEqual([
      { name: 'boulware', weight: 2 },
      { name: 'tft', weight: 1 },
    ]);
  });

  it('says what is wrong with a bad spec', () => {
    expect(() => parsePopulation('boulware:2,alice:1')).toThrow(
      'unknown negotiator "alice" in population; known: boulware, linear, conceder, tft, greedy, fair, random',
    );
    expect(() => parsePopulation('boulware:x')).toThrow(
      /"boulware:x": the weight must be a number ≥ 0/,
    );
    expect(() => parsePopulation('boulware:-1')).toThrow(/weight must be a number ≥ 0/);
    for (const part of ['boulware:1:2', 'boulware:', 'boulware: ']) {
      expect(() => parsePopulation(`${part},tft`)).toThrow(
        `"${part.trim()}": the weight must be a number ≥ 0 (name:weight)`,
      );
    }
    expect(() => parsePopulation('tft,,fair')).toThrow(/empty entry/);
    expect(() => parsePopulation('tft, ,fair')).toThrow('empty entry in population "tft, ,fair"');
    expect(() => parsePopulation('tft,tft:2')).toThrow(/appears twice/);
    expect(() => parsePopulation('tft:0')).toThrow(/at least one negotiator with a weight > 0/);
  });
});
