import { describe, expect, it } from 'vitest';
import { dealContext } from '../../shared/testing/dialogues';
import { runParley } from './runParley';

const context = { domain: 'dealornodeal', ...dealContext };

describe('parley outcomes', () => {
  it('answers every stdin line with one stdout line, errors included, in order', async () => {
    const input = [
      JSON.stringify({ ...context, allocation: [0, 2, 1] }),
      JSON.stringify({ ...context, allocation: null }),
      '{not json',
      '',
      JSON.stringify({ ...context, allocation: [2, 0, 0] }),
      JSON.stringify({
        domain: 'casino',
        counts: [3, 3, 3],
        utilities: [
          [5, 4, 3],
          [3, 4, 5],
        ],
        allocation: [3, 2, 0],
      }),
    ].join('\n');
    const run = await runParley(['outcomes'], { input: `${input}\n` });
    expect(run.code).toBe(0);
    const replies = run.stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(replies).toHaveLength(6);
    expect(replies[0]).toEqual({
      scores: [7, 8],
      paretoOptimal: true,
      maxJoint: 16,
      frontier: [
        [6, 10],
        [7, 8],
        [8, 6],
        [9, 4],
        [10, 0],
      ],
    });
    expect(replies[1]).toMatchObject({ scores: [0, 0], paretoOptimal: null, maxJoint: 16 });
    expect(replies[2]?.error).toMatch(/^not JSON/);
    expect(replies[3]).toEqual({ error: 'empty line' });
    expect(replies[4]).toEqual({ error: 'allocation [2,0,0] does not fit the counts [1,2,3]' });
    // CaSiNo: A takes all food and 2 water (15 + 8), B 1 water and all firewood (4 + 15).
    expect(replies[5]).toMatchObject({ scores: [23, 19], paretoOptimal: true, maxJoint: 42 });
  });
});
