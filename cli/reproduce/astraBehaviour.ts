import type { Negotiator } from '../../shared/agents/negotiator';
import { playDialogue } from '../../shared/agents/playDialogue';
import { scriptedNegotiators } from '../../shared/agents/scripted/catalogue';
import { AstraNegotiator } from '../../shared/astra/astraNegotiator';
import type { TacticId } from '../../shared/astra/tactics/tactic';
import type { FairnessVerdict, Stance } from '../../shared/astra/types';
import { isOffer } from '../../shared/dialogue/acts';
import { complement } from '../../shared/domain/allocation';
import { getDomain } from '../../shared/domain/domains';
import { dealScores, paretoFrontier } from '../../shared/domain/scoring';
import type { DomainId } from '../../shared/domain/types';
import {
  cellDialogue,
  mean,
  personas,
  resultOf,
  seedName,
  type DialogueResult,
  type PersonaName,
} from './astraRun';

/** One offer ASTRA made, with the reasons its explanation gives (the ASTRA paper's Figs. 3–7). */
export interface OfferMove {
  persona: PersonaName;
  stance: Stance;
  fairness: FairnessVerdict;
  lambda: number;
  /** The chosen candidate's tactic, or `none`. */
  tactic: TacticId | 'none';
  /** ASTRA's own score under the offer, and under its previous offer in the dialogue (null for its first). */
  ownScore: number;
  previousOwnScore: number | null;
  /** Below the true Pareto frontier: the most the partner could get at no loss to ASTRA, minus what it is offered. */
  frontierGap: number;
}

/**
 * Plays ASTRA with its defaults against each persona on the Table 1 cells' dialogues (the same
 * contexts, first speakers and partners, every seed) and records every offer it makes with the
 * stance, fairness, λ and tactic behind it. The dialogues are exactly those of the Table 1
 * "ASTRA" rows (`dialogues` returns their outcomes to show it): ASTRA is deterministic.
 */
export function recordAstraOffers(
  domainId: DomainId,
  options: { dialogues: number; seed: string; seeds: number },
): { moves: OfferMove[]; dialogues: Record<PersonaName, DialogueResult[]> } {
  const domain = getDomain(domainId);
  const moves: OfferMove[] = [];
  const dialogues = Object.fromEntries(personas.map((p) => [p.name, []])) as unknown as Record<
    PersonaName,
    DialogueResult[]
  >;
  for (const persona of personas) {
    for (let k = 0; k < options.seeds; k++) {
      const cellSeed = `${seedName(options.seed, k)}/${domainId}/${persona.name}`;
      for (let i = 0; i < options.dialogues; i++) {
        const { context, firstSpeaker, partnerRng } = cellDialogue(domain, cellSeed, i);
        const frontier = paretoFrontier(context);
        const astra = new AstraNegotiator();
        let previousOwnScore: number | null = null;
        const recording: Negotiator = {
          name: 'astra',
          act(view) {
            const act = astra.act(view);
            const explanation = astra.lastSuggestion?.explanation;
            if (isOffer(act) && explanation !== undefined) {
              // ASTRA sits in seat 1: the partner (seat 0) gets the complement.
              const [partnerScore, ownScore] = dealScores(
                context,
                complement(context.counts, act.allocation),
              );
              const best = Math.max(
                ...frontier.filter((p) => p.scores[1] >= ownScore).map((p) => p.scores[0]),
              );
              moves.push({
                persona: persona.name,
                stance: explanation.stance.stance,
                fairness: explanation.fairness.verdict,
                lambda: explanation.lambda,
                tactic: explanation.tactic?.id ?? 'none',
                ownScore,
                previousOwnScore,
                frontierGap: best - partnerScore,
              });
              previousOwnScore = ownScore;
            }
            return act;
          },
          select: (view) => astra.select(view),
        };
        const state = playDialogue(
          domain,
          context,
          [scriptedNegotiators[persona.standIn].create(partnerRng), recording],
          firstSpeaker,
        );
        dialogues[persona.name].push(resultOf(state.outcome));
      }
    }
  }
  return { moves, dialogues };
}

export interface MoveSummary {
  offers: number;
  /** Offers that follow an earlier own offer, and how ASTRA's own score moved at them. */
  moves: number;
  meanChange: number | null;
  concede: number;
  hold: number;
  raise: number;
}

export interface BehaviourSummary {
  domain: DomainId;
  offers: number;
  /** Fig. 3: λ by the partner's stance. */
  lambdaByStance: { stance: Stance; offers: number; meanLambda: number | null }[];
  /** Fig. 4: which tactic ASTRA's chosen offer used, by fairness × stance (shares of offers). */
  tactics: {
    fairness: FairnessVerdict;
    stance: Stance;
    offers: number;
    shares: Record<string, number>;
  }[];
  /** Fig. 5: ASTRA's own-score moves between its consecutive offers, by the partner's stance. */
  movesByStance: ({ stance: Stance } & MoveSummary)[];
  /** Fig. 6: the same moves by tactic. */
  movesByTactic: ({ tactic: string } & MoveSummary)[];
  /** Fig. 7: ASTRA's offers against the Pareto frontier, by stance. */
  frontierByStance: {
    stance: Stance;
    offers: number;
    onFrontier: number | null;
    meanGap: number | null;
  }[];
}

const stances: readonly Stance[] = ['greedy', 'neutral', 'generous'];
const fairnessVerdicts: readonly FairnessVerdict[] = ['unfair', 'fair', 'unknown'];

function movesOf(offers: readonly OfferMove[]): MoveSummary {
  const changes = offers
    .filter((m) => m.previousOwnScore !== null)
    .map((m) => m.ownScore - (m.previousOwnScore ?? 0));
  return {
    offers: offers.length,
    moves: changes.length,
    meanChange: mean(changes),
    concede: changes.filter((c) => c < 0).length,
    hold: changes.filter((c) => c === 0).length,
    raise: changes.filter((c) => c > 0).length,
  };
}

/** The tables of the Figs. 3–7 analogues from the recorded offers. */
export function summariseBehaviour(
  domain: DomainId,
  moves: readonly OfferMove[],
): BehaviourSummary {
  const byStance = (stance: Stance) => moves.filter((m) => m.stance === stance);
  const tacticIds = [...new Set(moves.map((m) => m.tactic))].sort();
  return {
    domain,
    offers: moves.length,
    lambdaByStance: stances.map((stance) => ({
      stance,
      offers: byStance(stance).length,
      meanLambda: mean(byStance(stance).map((m) => m.lambda)),
    })),
    tactics: fairnessVerdicts.flatMap((fairness) =>
      stances.map((stance) => {
        const group = moves.filter((m) => m.fairness === fairness && m.stance === stance);
        return {
          fairness,
          stance,
          offers: group.length,
          shares: Object.fromEntries(
            tacticIds.map((id) => [
              id,
              group.length === 0 ? 0 : group.filter((m) => m.tactic === id).length / group.length,
            ]),
          ),
        };
      }),
    ),
    movesByStance: stances.map((stance) => ({ stance, ...movesOf(byStance(stance)) })),
    movesByTactic: tacticIds.map((tactic) => ({
      tactic,
      ...movesOf(moves.filter((m) => m.tactic === tactic)),
    })),
    frontierByStance: stances.map((stance) => {
      const group = byStance(stance);
      return {
        stance,
        offers: group.length,
        onFrontier:
          group.length === 0
            ? null
            : group.filter((m) => m.frontierGap <= 1e-9).length / group.length,
        meanGap: mean(group.map((m) => m.frontierGap)),
      };
    }),
  };
}

const share = (x: number | null) => (x === null ? '—' : `${(100 * x).toFixed(1)} %`);
const num = (x: number | null, digits = 2) => (x === null ? '—' : x.toFixed(digits));

function moveRow(label: string, m: MoveSummary): string {
  const of = (n: number) => (m.moves === 0 ? '—' : share(n / m.moves));
  return `| ${label} | ${m.offers} | ${m.moves} | ${num(m.meanChange)} | ${of(m.concede)} | ${of(m.hold)} | ${of(m.raise)} |`;
}

/** The report section: the Figs. 3–7 analogues as tables, per domain. */
export function behaviourLines(
  summaries: readonly BehaviourSummary[],
  domainName: (id: DomainId) => string,
): string[] {
  if (summaries.length === 0) {
    return [];
  }
  const lines = [
    '## Behaviour analyses (the ASTRA paper’s Figs. 3–7)',
    '',
    'Every offer ASTRA made in Table 1’s ASTRA rows, with the reasons its explanation gives: the partner’s stance and fairness as ASTRA assessed them, the Tit-for-Tat λ, the tactic of the chosen offer. A move is the change of ASTRA’s own score from its previous offer in the same dialogue (negative: a concession). The frontier gap is how many more points the partner could have had at no loss to ASTRA (0: the offer is on the true Pareto frontier). Only Fig. 3’s values are quoted from the paper; the other figures could not be read here, so their tables are Parley’s alone.',
    '',
  ];
  for (const s of summaries) {
    const tacticIds = Object.keys(s.tactics[0]?.shares ?? {});
    lines.push(
      `### ${domainName(s.domain)} (${s.offers} offers)`,
      '',
      'Fig. 3 — λ by the partner’s stance:',
      '',
      '| stance | offers | mean λ |',
      '|---|--:|--:|',
      ...s.lambdaByStance.map((r) => `| ${r.stance} | ${r.offers} | ${num(r.meanLambda)} |`),
      '',
      'Fig. 4 — the chosen offer’s tactic by fairness × stance (share of that group’s offers):',
      '',
      `| fairness | stance | offers | ${tacticIds.join(' | ')} |`,
      `|---|---|--:|${tacticIds.map(() => '--:').join('|')}|`,
      ...s.tactics
        .filter((r) => r.offers > 0)
        .map(
          (r) =>
            `| ${r.fairness} | ${r.stance} | ${r.offers} | ${tacticIds.map((id) => share(r.shares[id] ?? 0)).join(' | ')} |`,
        ),
      '',
      'Fig. 5 — ASTRA’s own-score moves by the partner’s stance:',
      '',
      '| stance | offers | moves | mean change | concede | hold | raise |',
      '|---|--:|--:|--:|--:|--:|--:|',
      ...s.movesByStance.map((r) => moveRow(r.stance, r)),
      '',
      'Fig. 6 — the same moves by the chosen offer’s tactic:',
      '',
      '| tactic | offers | moves | mean change | concede | hold | raise |',
      '|---|--:|--:|--:|--:|--:|--:|',
      ...s.movesByTactic.map((r) => moveRow(r.tactic, r)),
      '',
      'Fig. 7 — ASTRA’s offers against the true Pareto frontier:',
      '',
      '| stance | offers | on the frontier | mean gap (partner points) |',
      '|---|--:|--:|--:|',
      ...s.frontierByStance.map(
        (r) => `| ${r.stance} | ${r.offers} | ${share(r.onFrontier)} | ${num(r.meanGap)} |`,
      ),
      '',
    );
  }
  return lines;
}
