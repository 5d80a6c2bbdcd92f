import { describe, expect, it } from 'vitest';
import type { RoundProgressEvent, RoundView } from '../../../shared/protocol/rounds';
import { applyProgress } from './roundProgressState';
import { allowedActions } from './roundsApi';

const stage = { done: 0, total: 10 };
const round = {
  id: 'r1',
  status: 'self-play',
  pausedFrom: null,
  progress: { 'self-play': stage, ranking: stage, annotating: stage, retraining: stage },
  failure: null,
  activity: null,
} as unknown as RoundView;

const event = (over: Partial<RoundProgressEvent>): RoundProgressEvent => ({
  roundId: 'r1',
  stage: 'self-play',
  done: 0,
  total: 10,
  pausedFrom: null,
  progress: round.progress,
  failure: null,
  activity: null,
  ...over,
});

describe('live round progress', () => {
  it('takes the status and every stage counter from the push of the round it names', () => {
    const progress = {
      ...round.progress,
      'self-play': { done: 10, total: 10 },
      ranking: { done: 10, total: 10 },
    };
    // Self-play finished and ranking ran between two pushes: both bars are still right.
    const next = applyProgress(round, event({ stage: 'annotating', progress }));
    expect(next.status).toBe('annotating');
    expect(next.progress).toEqual(progress);
    expect(applyProgress(round, event({ roundId: 'r2' }))).toBe(round);
  });

  it('remembers where a paused round was, and why a failed one failed', () => {
    const paused = applyProgress(round, event({ stage: 'paused', pausedFrom: 'self-play' }));
    expect(paused).toMatchObject({ status: 'paused', pausedFrom: 'self-play' });
    expect(allowedActions(paused)).toEqual(['resume', 'cancel']);
    const failure = {
      stage: 'self-play',
      job: 'round.selfplay',
      reason: 'gone',
      at: 'now',
    } as const;
    const failed = applyProgress(round, event({ stage: 'failed', failure }));
    expect(failed.failure?.reason).toBe('gone');
    expect(allowedActions(failed)).toEqual(['retry', 'cancel']);
  });

  it('offers the actions the status allows', () => {
    expect(allowedActions({ ...round, status: 'draft' })).toEqual(['launch', 'cancel']);
    expect(allowedActions(round)).toEqual(['pause', 'cancel']);
    expect(allowedActions({ ...round, status: 'evaluated' })).toEqual([]);
  });
});
