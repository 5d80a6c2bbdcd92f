import { describe, expect, it } from 'vitest';
import type { RoundView } from '../../../shared/protocol/rounds';
import { allowedActions, applyProgress } from './roundsApi';

const stage = { done: 0, total: 10 };
const round = {
  id: 'r1',
  status: 'self-play',
  pausedFrom: null,
  progress: { 'self-play': stage, ranking: stage, annotating: stage, retraining: stage },
} as unknown as RoundView;

describe('live round progress', () => {
  it('moves the status and the stage counters of the round it names', () => {
    const next = applyProgress(round, { roundId: 'r1', stage: 'ranking', done: 3, total: 10 });
    expect(next.status).toBe('ranking');
    expect(next.progress.ranking).toEqual({ done: 3, total: 10 });
    expect(next.progress['self-play']).toEqual(stage);
    expect(applyProgress(round, { roundId: 'r2', stage: 'ranking', done: 1, total: 1 })).toBe(
      round,
    );
  });

  it('remembers where a paused round was', () => {
    const paused = applyProgress(round, { roundId: 'r1', stage: 'paused', done: 0, total: 10 });
    expect(paused).toMatchObject({ status: 'paused', pausedFrom: 'self-play' });
    expect(allowedActions(paused)).toEqual(['resume', 'cancel']);
  });

  it('offers the actions the status allows', () => {
    expect(allowedActions({ ...round, status: 'draft' })).toEqual(['launch', 'cancel']);
    expect(allowedActions(round)).toEqual(['pause', 'cancel']);
    expect(allowedActions({ ...round, status: 'evaluated' })).toEqual([]);
  });
});
