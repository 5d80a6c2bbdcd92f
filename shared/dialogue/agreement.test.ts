import { describe, expect, it } from 'vitest';
import type { AgentIndex } from '../domain/types';
import type { Act } from './acts';
import { agreedShare } from './agreement';
import type { Turn } from './dialogue';

const counts = [1, 2, 3];
const propose = (...allocation: number[]): Act => ({ type: 'propose', allocation });
const turns = (first: AgentIndex, ...acts: Act[]): Turn[] =>
  acts.map((act, i) => ({ speaker: ((first + i) % 2) as AgentIndex, act }));

describe('agreedShare', () => {
  it('gives the offerer its allocation and the one who agreed the rest', () => {
    const t = turns(1, propose(1, 0, 2), { type: 'agree' }, { type: 'end' });
    expect(agreedShare(t, 1, counts)).toEqual([1, 0, 2]);
    expect(agreedShare(t, 0, counts)).toEqual([0, 2, 1]);
  });

  it('counts agreement to an insist too', () => {
    const t = turns(
      0,
      propose(1, 0, 0),
      propose(0, 2, 0),
      { type: 'insist', allocation: [1, 0, 0] },
      { type: 'agree' },
    );
    expect(agreedShare(t, 0, counts)).toEqual([1, 0, 0]);
  });

  it('takes the latest agreed offer, and nothing when no offer was agreed', () => {
    const t = turns(0, propose(1, 0, 0), { type: 'agree' }, propose(0, 2, 0), { type: 'agree' });
    expect(agreedShare(t, 0, counts)).toEqual([0, 2, 0]);
    expect(agreedShare(t, 1, counts)).toEqual([1, 0, 3]);
    expect(
      agreedShare(turns(0, propose(1, 0, 0), { type: 'disagree' }, { type: 'end' }), 0, counts),
    ).toBeNull();
    expect(agreedShare([], 0, counts)).toBeNull();
    // An agree that follows a non-offer (as in imported dialogues) agrees to nothing.
    expect(agreedShare(turns(0, { type: 'end' }, { type: 'agree' }), 0, counts)).toBeNull();
  });

  it('returns a fresh array the caller may change', () => {
    const t = turns(0, propose(1, 0, 0), { type: 'agree' });
    const share = agreedShare(t, 0, counts) ?? [];
    share[0] = 9;
    expect(t[0]?.act).toEqual(propose(1, 0, 0));
  });
});
