import { io, type Socket } from 'socket.io-client';
import {
  roundsNamespace,
  type CreateRoundBody,
  type NoveltyEntry,
  type RoundCounts,
  type RoundAction,
  type RoundsServerToClientEvents,
  type RoundView,
} from '../../../shared/protocol/rounds';
import type { CheckpointOption } from '../../../shared/protocol/checkpoints';
import { api } from '../api/http';

export const listRounds = () =>
  api<{ rounds: RoundView[] }>('GET', '/rounds').then((r) => r.rounds);
export const getRound = (id: string) =>
  api<{ round: RoundView }>('GET', `/rounds/${id}`).then((r) => r.round);
export const createRound = (body: CreateRoundBody) =>
  api<{ round: RoundView }>('POST', '/rounds', body).then((r) => r.round);
export const actOnRound = (id: string, action: RoundAction) =>
  api<{ round: RoundView }>('POST', `/rounds/${id}/${action}`).then((r) => r.round);

export function connectRounds(): Socket<RoundsServerToClientEvents> {
  return io(roundsNamespace, { withCredentials: true });
}

/** Which actions a round's status allows (the server decides; this only hides dead buttons). */
export function allowedActions(round: RoundView): RoundAction[] {
  switch (round.status) {
    case 'draft':
      return ['launch', 'cancel'];
    case 'self-play':
    case 'ranking':
    case 'annotating':
    case 'retraining':
      return ['pause', 'cancel'];
    case 'paused':
      return ['resume', 'cancel'];
    case 'failed':
      return ['retry', 'cancel'];
    case 'evaluated':
    case 'cancelled':
      return [];
  }
}

export const getRoundCounts = (id: string) =>
  api<{ counts: RoundCounts }>('GET', `/rounds/${id}/counts`).then((r) => r.counts);
export const getRoundNovelty = (id: string) =>
  api<{ dialogues: NoveltyEntry[] }>('GET', `/rounds/${id}/novelty`).then((r) => r.dialogues);

/** The checkpoints of a domain and role the caller may start a round from. */
export const listCheckpoints = (domain: string, role: 'alice' | 'bob') =>
  api<{ checkpoints: CheckpointOption[] }>(
    'GET',
    `/checkpoints?domain=${encodeURIComponent(domain)}&role=${role}`,
  ).then((r) => r.checkpoints);
