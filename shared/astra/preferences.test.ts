import { describe, expect, it } from 'vitest';
import { readRecord } from './negotiationRecord';
import { nextStatement, shouldAskPreferences } from './preferences';
import { suggest } from './suggest';
import type { AstraState, AstraTurn } from './types';

const items = ['food', 'water', 'firewood'];
const record = (turns: AstraTurn[]) => readRecord([3, 3, 3], items, turns);
const stated = (speaker: 'self' | 'partner', item: number): AstraTurn => ({
  speaker,
  act: { type: 'statePreference', item, priority: 'high' },
});
const asked = (speaker: 'self' | 'partner'): AstraTurn => ({
  speaker,
  act: { type: 'askPreference' },
});
const offer = (speaker: 'self' | 'partner', allocation: number[]): AstraTurn => ({
  speaker,
  act: { type: 'propose', allocation },
});
const casino = (history: AstraTurn[]): AstraState => ({
  domain: 'casino',
  counts: [3, 3, 3],
  utilities: [4, 5, 3],
  history,
});

describe('nextStatement', () => {
  it('states our priorities truthfully, most important first, then nothing', () => {
    const own = [4, 5, 3];
    expect(nextStatement(record([]), own)).toEqual({ item: 1, priority: 'high' });
    expect(nextStatement(record([stated('self', 1)]), own)).toEqual({
      item: 0,
      priority: 'medium',
    });
    // The partner's statements are not ours.
    expect(nextStatement(record([stated('partner', 1)]), own)?.item).toBe(1);
    const all = [stated('self', 1), asked('partner'), stated('self', 0), asked('partner')];
    expect(nextStatement(record([...all, stated('self', 2)]), own)).toBeNull();
  });
});

describe('shouldAskPreferences', () => {
  it('asks until the partner has stated all but one priority, never again after an unanswered question', () => {
    expect(shouldAskPreferences(record([]), 3)).toBe(true);
    expect(shouldAskPreferences(record([stated('partner', 0)]), 3)).toBe(true);
    expect(shouldAskPreferences(record([stated('partner', 0), stated('partner', 1)]), 3)).toBe(
      false,
    );
    expect(shouldAskPreferences(record([asked('self'), stated('partner', 2)]), 3)).toBe(true);
    expect(shouldAskPreferences(record([asked('self'), offer('partner', [1, 1, 1])]), 3)).toBe(
      false,
    );
  });
});

describe('suggest: preference acts', () => {
  it('answers a question about its preferences with its top priority', () => {
    const result = suggest(casino([asked('partner')]));
    expect(result).toMatchObject({
      action: 'statePreference',
      act: { type: 'statePreference', item: 1, priority: 'high' },
      explanation: { decision: { rule: 'answerPreferenceQuestion' } },
    });
    expect(result.explanation.summary).toMatch(/Say that water is our high priority/);
  });

  it('warns at the first offer below BATNA by telling the partner what it needs most', () => {
    const result = suggest(casino([offer('partner', [3, 3, 3])]));
    expect(result.act).toEqual({ type: 'statePreference', item: 1, priority: 'high' });
    expect(result.explanation.decision.rule).toBe('warnBelowBatna');
    expect(result.explanation.decision.warning).toMatch(/below our BATNA 5/);
  });
});
