import type { Act } from '../../../shared/dialogue/acts';
import { isOffer } from '../../../shared/dialogue/acts';
import { agreedShare } from '../../../shared/dialogue/agreement';
import { complement } from '../../../shared/domain/allocation';
import type { Domain } from '../../../shared/domain/types';
import type { Seat, SuggestionView } from '../../../shared/protocol/annotation';

/** What the negotiation screen shows, the same for the practice dialogue and a live task. */
export interface NegotiationModel {
  domain: Domain;
  counts: number[];
  /** The worker's (Bob's) values per unit; never Alice's. */
  utilities: number[];
  history: { speaker: Seat; act: Act }[];
  /**
   * Where the worker took over Bob's seat: Bob's turns before this index were the self-play
   * Bob's, not the worker's (0: the worker has played Bob from the start, as in practice).
   */
  takeoverAt: number;
  phase: 'negotiating' | 'selecting' | 'done';
  nextSpeaker: Seat | null;
  maxTurns: number;
  /** Who plays Alice, e.g. "Scripted negotiator (boulware)". */
  partnerLabel: string;
}

export interface OutcomeView {
  agreed: boolean;
  walkedAway: boolean;
  myShare: number[] | null;
  myScore: number;
  partnerScore: number;
  paretoOptimal: boolean | null;
  completionCode?: string;
}

/** The moves; each resolves to an error message for the worker, or null when it worked. */
export interface NegotiationActions {
  act: (act: Act) => Promise<string | null>;
  select: (allocation: number[] | null) => Promise<string | null>;
  /** ASTRA's suggestion; rejects with a message. Absent: no ASTRA panel. */
  suggest?: () => Promise<SuggestionView>;
}

/** The partner's latest act if it is an offer waiting for an answer (agree/disagree apply). */
export function pendingPartnerOffer(model: NegotiationModel): number[] | null {
  const last = model.history.at(-1);
  return last !== undefined && last.speaker === 'alice' && isOffer(last.act)
    ? complement(model.counts, last.act.allocation)
    : null;
}

/** My own latest offer (what I asked for), for `insist`. */
export function myLastOffer(model: NegotiationModel): number[] | null {
  for (let i = model.history.length - 1; i >= 0; i--) {
    const turn = model.history[i];
    if (turn?.speaker === 'bob' && isOffer(turn.act)) {
      return turn.act.allocation;
    }
  }
  return null;
}

/** The dialogue's turns with seats as agent indices (Alice 0, Bob 1), for the shared rules. */
export function indexedTurns(model: NegotiationModel) {
  return model.history.map((t) => ({
    speaker: t.speaker === 'alice' ? (0 as const) : (1 as const),
    act: t.act,
  }));
}

/** My share under the latest offer the other side agreed to (what to select), or null. */
export function agreedShareOf(model: NegotiationModel): number[] | null {
  return agreedShare(indexedTurns(model), 1, model.counts);
}
