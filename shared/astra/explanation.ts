import type { Allocation, Domain } from '../domain/types';
import type { ProgramRun } from './candidates';
import type { ConcessionSchedule } from './concession';
import type { CheckedIpp, Inconsistency } from './consistency';
import type { Decision, DecisionRule } from './decisions';
import { fmt, type Fairness } from './fairness';
import type { Ipp } from './opponentModel';
import type { OfferSelection, ScoredCandidate } from './selection';
import type { StanceAssessment } from './stance';
import { tactics, type TacticId } from './tactics';
import type { TitForTatPolicy } from './titForTat';

export interface Explanation {
  /** One paragraph for an annotator. */
  summary: string;
  ipp: Pick<Ipp, 'utilities' | 'confidence' | 'basis'> & {
    /** Item ids, most wanted first. */
    priorities: string[];
    /** The priorities before the consistency checker re-inferred them, or null. */
    reinferredFrom: string[] | null;
  };
  /** Contradictions found in the first inference, and those no re-inference could remove. */
  inconsistencies: Inconsistency[];
  residualInconsistencies: Inconsistency[];
  fairness: Fairness;
  stance: StanceAssessment;
  lambda: number;
  maxScore: number;
  policy: string;
  /** Our concession schedule: the floor every offer and acceptance respects this turn. */
  concession: ConcessionSchedule;
  lp: { lambdas: number[]; maxScores: number[]; infeasible: number; runs: ProgramRun[] };
  /** The tactic group Tit-for-Tat chose, and the tactics of it that apply now. */
  tacticGroup: { group: string; reason: string };
  applicableTactics: { id: TacticId; why: string }[];
  /** The chosen candidate's tactic, or null when no tactic applies or nothing was chosen. */
  tactic: { id: TacticId; group: string; when: string; how: string; why: string } | null;
  candidates: ScoredCandidate[];
  /** The normalised weights of PAP and SA in each candidate's final score (PAP alone for our final offer). */
  selectionWeights: { alpha: number; beta: number };
  /** Index into `candidates` of the best-scoring one, or null when there is none. */
  chosen: number | null;
  decision: {
    rule: DecisionRule;
    reason: string;
    warning: string | null;
    /** The preference we state (action statePreference), else null. */
    statement: Decision['statement'];
    stubbornTurns: number;
    offersBelowBatna: number;
  };
}

export function buildExplanation(parts: {
  domain: Domain;
  checked: CheckedIpp;
  fairness: Fairness;
  stance: StanceAssessment;
  policy: TitForTatPolicy;
  schedule: ConcessionSchedule;
  runs: ProgramRun[];
  lambdas: number[];
  maxScores: number[];
  selection: OfferSelection;
  decision: Decision;
  offer: Allocation | null;
}): Explanation {
  const { domain, checked, selection, decision } = parts;
  const names = (ranking: readonly number[]) =>
    ranking.map((i) => domain.items[i]?.id ?? String(i));
  const chosen = selection.chosen;
  const rule =
    chosen?.tactic === null || chosen === null ? null : tactics.find((t) => t.id === chosen.tactic);
  const why = selection.applicable.find((a) => a.id === rule?.id)?.why ?? '';
  const explanation: Explanation = {
    summary: '',
    ipp: {
      utilities: checked.ipp.utilities,
      confidence: checked.ipp.confidence,
      basis: checked.ipp.basis,
      priorities: names(checked.ipp.ranking),
      reinferredFrom: checked.reinferredFrom === null ? null : names(checked.reinferredFrom),
    },
    inconsistencies: checked.inconsistencies,
    residualInconsistencies: checked.residual,
    fairness: parts.fairness,
    stance: parts.stance,
    lambda: parts.policy.lambda,
    maxScore: parts.policy.maxScore,
    policy: parts.policy.reason,
    concession: parts.schedule,
    lp: {
      lambdas: parts.lambdas,
      maxScores: parts.maxScores,
      infeasible: parts.runs.filter((r) => r.infeasible !== null).length,
      runs: parts.runs,
    },
    tacticGroup: selection.group,
    applicableTactics: selection.applicable,
    tactic:
      rule === null || rule === undefined
        ? null
        : { id: rule.id, group: rule.group, when: rule.when, how: rule.how, why },
    candidates: selection.scored,
    selectionWeights: selection.weights,
    chosen: chosen === null ? null : selection.scored.indexOf(chosen),
    decision: {
      rule: decision.rule,
      reason: decision.reason,
      warning: decision.warning,
      statement: decision.statement,
      stubbornTurns: decision.stubbornTurns,
      offersBelowBatna: decision.offersBelowBatna,
    },
  };
  explanation.summary = summarise(
    explanation,
    decision,
    parts.offer,
    domain.items.map((item) => item.id),
  );
  return explanation;
}

function summarise(
  e: Explanation,
  decision: Decision,
  offer: Allocation | null,
  items: readonly string[],
): string {
  const sentences = [
    `The partner seems to want ${e.ipp.priorities.join(' > ')} (confidence ${fmt(e.ipp.confidence)}, from ${e.ipp.basis})` +
      (e.ipp.reinferredFrom === null
        ? '.'
        : `, re-inferred after ${e.inconsistencies.length} contradiction(s).`),
    `Its latest offer is ${e.fairness.verdict} (${e.fairness.reason}); its stance is ${e.stance.stance} (${e.stance.reason}).`,
    `Tit-for-Tat: ${e.policy}.`,
    `Concession: ${e.concession.reason}.`,
  ];
  const chosen = e.chosen === null ? null : e.candidates[e.chosen];
  if (chosen !== undefined && chosen !== null) {
    sentences.push(
      `Of ${e.candidates.length} LP candidates the best is (${chosen.allocation.join(',')}): ours ${fmt(chosen.ownScore)}, the partner's ~${fmt(chosen.partnerScore)}, PAP ${fmt(chosen.pap)}, SA ${fmt(chosen.sa)}, score ${fmt(chosen.final)}` +
        (e.tactic === null
          ? ', no tactic applies.'
          : `, by the tactic ${e.tactic.id} (${e.tactic.why}: ${e.tactic.how}).`),
    );
  }
  const statement = decision.statement;
  const what =
    decision.action === 'propose' && offer !== null
      ? `Propose (${offer.join(',')})`
      : decision.action === 'accept'
        ? 'Accept'
        : decision.action === 'walkaway'
          ? 'Walk away'
          : decision.action === 'statePreference' && statement !== null
            ? `Say that ${items[statement.item] ?? statement.item} is our ${statement.priority} priority`
            : decision.action === 'askPreference'
              ? 'Ask the partner about its priorities'
              : 'End the dialogue';
  sentences.push(
    `${what}: ${decision.reason}.` +
      (decision.warning === null ? '' : ` Warning: ${decision.warning}.`),
  );
  return sentences.join(' ');
}
