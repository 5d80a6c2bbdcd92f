import { describe, expect, it } from 'vitest';
import type { TaskView } from '../../../shared/protocol/annotation';
import { withAct } from './taskState';

const view: TaskView = {
  taskId: 'a'.repeat(24),
  domain: 'dealornodeal',
  counts: [1, 2, 3],
  utilities: [4, 0, 2],
  history: [{ speaker: 'alice', act: { type: 'propose', allocation: [1, 2, 0] } }],
  takeoverAt: 1,
  turn: 1,
  maxTurns: 4,
  leaseExpiresAt: '2026-01-01T00:00:00Z',
  aliceAgent: { kind: 'scripted', name: 'fair', label: 'Scripted negotiator (fair)' },
  phase: 'negotiating',
  nextSpeaker: 'bob',
};

describe('following the task locally', () => {
  it('appends an act at the next index and passes the turn', () => {
    const next = withAct(view, 'bob', { type: 'disagree' }, 1);
    expect(next).toMatchObject({ turn: 2, phase: 'negotiating', nextSpeaker: 'alice' });
    expect(next?.history.at(-1)).toEqual({ speaker: 'bob', act: { type: 'disagree' } });
  });

  it('ignores an act it already has (an echo or a duplicate) and reports a gap with null', () => {
    expect(withAct(view, 'alice', { type: 'end' }, 0)).toBe(view);
    expect(withAct(view, 'alice', { type: 'end' }, 2)).toBeNull();
  });

  it('opens the selection after end or the turn limit; a walk-away ends it', () => {
    expect(withAct(view, 'bob', { type: 'end' }, 1)).toMatchObject({
      phase: 'selecting',
      nextSpeaker: null,
    });
    const three = withAct(
      withAct(view, 'bob', { type: 'disagree' }, 1) as TaskView,
      'alice',
      { type: 'propose', allocation: [0, 0, 0] },
      2,
    ) as TaskView;
    expect(withAct(three, 'bob', { type: 'agree' }, 3)).toMatchObject({
      phase: 'selecting',
      turn: 4,
    });
    expect(withAct(view, 'bob', { type: 'walkaway' }, 1)).toMatchObject({ phase: 'done' });
  });
});
