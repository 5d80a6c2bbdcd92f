import { io, type Socket } from 'socket.io-client';
import type { DomainId } from '../../../shared/domain/types';
import {
  roundsNamespace,
  type CreateRoundBody,
  type PromotionScope,
  type RoundAction,
  type RoundsServerToClientEvents,
  type RoundView,
} from '../../../shared/protocol/rounds';
import { roundActionRoutes, roundRoutes } from '../../../shared/contracts/roundRoutes';
import { call } from '../api/call';

export const listRounds = () => call(roundRoutes.list, {}).then((r) => r.rounds);
export const getRound = (id: string) =>
  call(roundRoutes.get, { params: { roundId: id } }).then((r) => r.round);
export const createRound = (body: CreateRoundBody) =>
  call(roundRoutes.create, { body }).then((r) => r.round);
export const actOnRound = (id: string, action: RoundAction) =>
  call(roundActionRoutes[action], { params: { roundId: id } }).then((r) => r.round);

/** Makes an evaluated round's new checkpoints the owner's default (admins: also everyone's). */
export const promoteRound = (id: string, scope: PromotionScope) =>
  call(roundRoutes.promote, { params: { roundId: id }, body: { scope } }).then((r) => r.round);

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
  call(roundRoutes.counts, { params: { roundId: id } }).then((r) => r.counts);
export const getRoundNovelty = (id: string) =>
  call(roundRoutes.novelty, { params: { roundId: id } }).then((r) => r.dialogues);

/** The checkpoints of a domain and role the caller may start a round from. */
export const listCheckpoints = (domain: DomainId, role: 'alice' | 'bob' | 'expert') =>
  call(roundRoutes.checkpoints, { query: { domain, role } }).then((r) => r.checkpoints);
