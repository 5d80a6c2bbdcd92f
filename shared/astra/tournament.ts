import type { NegotiatorFactory } from '../agents/negotiator';
import { playDialogue } from '../agents/playDialogue';
import type { AgentIndex, Domain } from '../domain/types';
import { createRng } from '../random/rng';

export interface TournamentEntrant {
  name: string;
  factory: NegotiatorFactory;
}

export interface TournamentRow {
  agent: string;
  opponent: string;
  dialogues: number;
  /** Shares in [0, 1]. */
  agreementRate: number;
  walkAwayRate: number;
  /** Share of agreed deals that are Pareto-optimal (null without agreements). */
  paretoRate: number | null;
  /** Mean scores over agreed deals (null without agreements). */
  meanOwnScore: number | null;
  meanPartnerScore: number | null;
  /** Mean own score over every dialogue (no deal scores the BATNA). */
  meanOwnScoreAll: number;
}

/**
 * Plays `agent` against each opponent `dialogues` times and summarises each pair the way the
 * ASTRA paper's Table 1 does. `agent` sits in Bob's seat (agent 1, the annotator's); who speaks
 * first alternates. Contexts and every negotiator's randomness derive from `seed`, so the same
 * arguments give the same table.
 */
export function runTournament(options: {
  domain: Domain;
  agent: TournamentEntrant;
  opponents: readonly TournamentEntrant[];
  dialogues: number;
  seed: number | string;
}): TournamentRow[] {
  const { domain, agent, dialogues } = options;
  const root = createRng(options.seed);
  return options.opponents.map((opponent) => {
    let agreed = 0;
    let walkedAway = 0;
    let pareto = 0;
    let ownAgreed = 0;
    let partnerAgreed = 0;
    let ownAll = 0;
    for (let i = 0; i < dialogues; i++) {
      // The same contexts for every opponent: pairs differ by opponent only.
      const rng = root.fork(i);
      const context = domain.sampleContext(rng.fork('context'));
      const firstSpeaker: AgentIndex = i % 2 === 0 ? 0 : 1;
      const state = playDialogue(
        domain,
        context,
        [opponent.factory(rng.fork(`opponent/${opponent.name}`)), agent.factory(rng.fork('agent'))],
        firstSpeaker,
      );
      const outcome = state.outcome;
      if (outcome === null) {
        throw new Error('playDialogue returned an unfinished dialogue');
      }
      ownAll += outcome.scores[1];
      if (outcome.walkedAway) {
        walkedAway++;
      }
      if (outcome.agreed) {
        agreed++;
        ownAgreed += outcome.scores[1];
        partnerAgreed += outcome.scores[0];
        pareto += outcome.paretoOptimal === true ? 1 : 0;
      }
    }
    return {
      agent: agent.name,
      opponent: opponent.name,
      dialogues,
      agreementRate: dialogues === 0 ? 0 : agreed / dialogues,
      walkAwayRate: dialogues === 0 ? 0 : walkedAway / dialogues,
      paretoRate: agreed === 0 ? null : pareto / agreed,
      meanOwnScore: agreed === 0 ? null : ownAgreed / agreed,
      meanPartnerScore: agreed === 0 ? null : partnerAgreed / agreed,
      meanOwnScoreAll: dialogues === 0 ? 0 : ownAll / dialogues,
    };
  });
}
