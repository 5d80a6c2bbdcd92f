import { estimate } from '../metrics/aggregate';
import type { EstimateView, EvaluationAgentResult, Question } from '../protocol/evaluation';

/** One finished evaluation dialogue, with its ratings if the participant gave them. */
export interface EvaluatedDialogue {
  agent: string;
  participantId: string;
  position: number;
  agreed: boolean;
  /** Null without a deal. */
  paretoOptimal: boolean | null;
  /** Alice's (the agent's) and Bob's (the human's) scores. */
  agentScore: number;
  humanScore: number;
  /** Question id → answer; null when the questionnaire was not answered (yet). */
  answers: Record<string, number | string> | null;
}

function view(values: readonly (number | null)[]): EstimateView | null {
  const e = estimate(values);
  return e === null ? null : { mean: e.mean, ci95: e.ci95, n: e.n };
}

/**
 * Per agent, in the study's order of agents: the objective metrics against humans (advantage =
 * agent score − human score per dialogue, agreement per dialogue, Pareto optimality per deal,
 * both scores) and the mean of each Likert question, each a mean with its 95 % CI (Student's t)
 * and n. Every dialogue counts once; a participant's ratings count per dialogue rated.
 */
export function evaluationResults(
  agents: readonly string[],
  questionnaire: readonly Question[],
  dialogues: readonly EvaluatedDialogue[],
): EvaluationAgentResult[] {
  const likert = questionnaire.filter((q) => q.kind === 'likert');
  return agents.map((agent) => {
    const own = dialogues.filter((d) => d.agent === agent);
    const ratings: Record<string, EstimateView | null> = {};
    for (const q of likert) {
      ratings[q.id] = view(
        own.map((d) => {
          const answer = d.answers?.[q.id];
          return typeof answer === 'number' ? answer : null;
        }),
      );
    }
    return {
      agent,
      dialogues: own.length,
      advantage: view(own.map((d) => d.agentScore - d.humanScore)),
      agreement: view(own.map((d) => (d.agreed ? 1 : 0))),
      paretoOptimal: view(
        own.filter((d) => d.agreed).map((d) => (d.paretoOptimal === true ? 1 : 0)),
      ),
      agentScore: view(own.map((d) => d.agentScore)),
      humanScore: view(own.map((d) => d.humanScore)),
      ratings,
    };
  });
}
