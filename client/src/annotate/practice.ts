import { viewFor } from '../../../shared/agents/playDialogue';
import { scriptedNegotiators } from '../../../shared/agents/scripted/catalogue';
import type { Negotiator } from '../../../shared/agents/negotiator';
import { suggest } from '../../../shared/astra/suggest';
import type { Act } from '../../../shared/dialogue/acts';
import { ActError } from '../../../shared/dialogue/actRules';
import {
  applyAct,
  applySelection,
  nextSpeaker,
  phaseOf,
  startDialogue,
  type DialogueState,
} from '../../../shared/dialogue/dialogue';
import { dealOrNoDeal } from '../../../shared/domain/dealOrNoDeal';
import { scoreOf } from '../../../shared/domain/scoring';
import type { SuggestionView } from '../../../shared/protocol/annotation';
import { createRng } from '../../../shared/random/rng';
import type { NegotiationModel, OutcomeView } from './negotiation';

const alice = 0;
const bob = 1;

/**
 * The practice dialogue, entirely in the browser: the same rules (shared/dialogue), a scripted
 * Alice (a conceder, so a beginner can reach a deal) and ASTRA (shared/astra) as on the server.
 * Immutable states; the caller keeps the current one.
 */
export class PracticeGame {
  readonly partner: Negotiator;
  state: DialogueState;

  constructor(seed = 'parley-practice') {
    const rng = createRng(seed);
    this.state = startDialogue(dealOrNoDeal, dealOrNoDeal.sampleContext(rng), alice);
    this.partner = scriptedNegotiators.conceder.create(rng);
  }

  model(): NegotiationModel {
    const next = nextSpeaker(this.state);
    return {
      domain: this.state.domain,
      counts: this.state.context.counts,
      utilities: this.state.context.utilities[bob],
      history: this.state.turns.map((t) => ({
        speaker: t.speaker === alice ? 'alice' : 'bob',
        act: t.act,
      })),
      takeoverAt: 0,
      phase: phaseOf(this.state),
      nextSpeaker: next === null ? null : next === alice ? 'alice' : 'bob',
      maxTurns: this.state.domain.maxTurns,
      partnerLabel: `Practice partner (scripted ${this.partner.name})`,
    };
  }

  aliceToMove(): boolean {
    return nextSpeaker(this.state) === alice;
  }

  aliceMoves(): void {
    this.state = applyAct(this.state, alice, this.partner.act(viewFor(this.state, alice)));
  }

  /** My act; the rule's message when the rules refuse it. */
  act(act: Act): string | null {
    try {
      this.state = applyAct(this.state, bob, act);
      return null;
    } catch (error) {
      if (error instanceof ActError) {
        return error.message;
      }
      throw error;
    }
  }

  select(allocation: number[] | null): string | null {
    try {
      this.state = applySelection(this.state, bob, allocation);
      this.state = applySelection(
        this.state,
        alice,
        this.partner.select(viewFor(this.state, alice)),
      );
      return null;
    } catch (error) {
      if (error instanceof ActError) {
        return error.message;
      }
      throw error;
    }
  }

  suggestion(): SuggestionView {
    const s = suggest({
      domain: this.state.domain.id,
      counts: this.state.context.counts,
      utilities: this.state.context.utilities[bob],
      history: this.state.turns.map((t) => ({
        speaker: t.speaker === bob ? 'self' : 'partner',
        act: t.act,
      })),
    });
    return {
      act: s.act,
      offer: s.offer ?? null,
      summary: s.explanation.summary,
      explanation: s.explanation,
    };
  }

  outcome(): OutcomeView | null {
    const outcome = this.state.outcome;
    if (outcome === null) {
      return null;
    }
    const counts = this.state.context.counts;
    const myShare =
      outcome.allocation === null ? null : counts.map((c, i) => c - (outcome.allocation?.[i] ?? 0));
    return {
      agreed: outcome.agreed,
      walkedAway: outcome.walkedAway,
      myShare,
      myScore: outcome.scores[bob],
      partnerScore: outcome.scores[alice],
      paretoOptimal: outcome.paretoOptimal,
    };
  }

  /** For the explanation screens: what my whole share would be worth. */
  myMax(): number {
    return scoreOf(this.state.context.utilities[bob], this.state.context.counts);
  }
}
