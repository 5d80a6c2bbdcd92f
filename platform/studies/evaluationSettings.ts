import type { Connection } from 'mongoose';
import { isScriptedNegotiatorName } from '../../shared/agents/scripted/catalogue';
import { getDomain } from '../../shared/domain/domains';
import type { Context, DomainId } from '../../shared/domain/types';
import {
  defaultQuestionnaire,
  evaluationAgentOf,
  type Question,
} from '../../shared/protocol/evaluation';
import type { StudyView } from '../../shared/protocol/studies';
import type { SessionUser } from '../auth/sessionUser';
import { usableCheckpoints } from '../checkpoints/checkpointCatalog';
import { NotFoundError, ValidationError } from '../errors';
import type { Study } from './studyModel';

export type EvaluationStored = NonNullable<Study['evaluation']>;
export type EvaluationSettingsRead = Required<Omit<EvaluationStored, 'contexts'>> & {
  contexts: Context[] | null;
};

/**
 * A stored evaluation's settings with the defaults of fields a study stored before evaluation
 * studies ran does not have (one dialogue per agent, the default questionnaire, no listed
 * contexts).
 */
export function evaluationSettingsOf(evaluation: EvaluationStored): EvaluationSettingsRead {
  return {
    domain: evaluation.domain,
    checkpoints: [...evaluation.checkpoints],
    dialoguesPerModel: evaluation.dialoguesPerModel ?? 1,
    questionnaire: (evaluation.questionnaire ?? defaultQuestionnaire).map((q) => ({ ...q })),
    contexts:
      evaluation.contexts === undefined ||
      evaluation.contexts === null ||
      evaluation.contexts.length === 0
        ? null
        : evaluation.contexts,
  };
}

/** A study's questionnaire (none for an annotation study). */
export function questionnaireOf(study: Pick<Study, 'evaluation'>): Question[] {
  return study.evaluation === null ? [] : evaluationSettingsOf(study.evaluation).questionnaire;
}

/** Dialogues per participant: one per agent and repetition. */
export function dialoguesOf(evaluation: {
  checkpoints: readonly string[];
  dialoguesPerModel?: number;
}): number {
  return evaluation.checkpoints.length * (evaluation.dialoguesPerModel ?? 1);
}

export function evaluationView(stored: Study['evaluation']): StudyView['evaluation'] {
  const evaluation = stored === null ? null : evaluationSettingsOf(stored);
  return evaluation === null
    ? null
    : {
        domain: evaluation.domain,
        checkpoints: evaluation.checkpoints,
        dialoguesPerModel: evaluation.dialoguesPerModel,
        questionnaire: evaluation.questionnaire,
        listedContexts: evaluation.contexts?.length ?? null,
      };
}

/**
 * Refuses an agent the researcher may not put in Alice's seat: an unknown scripted negotiator,
 * or a checkpoint that is not a ready one of the domain they may use in any role (a round's or
 * experiment's Alice or Bob, the Expert) — the same 404 as a missing one, as for rounds.
 */
export async function assertUsableAgent(
  connection: Connection,
  user: SessionUser,
  domain: DomainId,
  name: string,
): Promise<void> {
  const agent = evaluationAgentOf(name);
  switch (agent.kind) {
    case 'astra':
      return;
    case 'scripted':
      if (!isScriptedNegotiatorName(agent.name)) {
        throw new ValidationError(`There is no scripted negotiator "${agent.name}".`, [
          { path: 'evaluation.checkpoints', message: `unknown scripted negotiator ${agent.name}` },
        ]);
      }
      return;
    case 'policy':
      for (const role of ['alice', 'bob', 'expert'] as const) {
        const usable = await usableCheckpoints(connection, user, { domain, role }, agent.name);
        if (usable.some((c) => c.version === agent.name)) {
          return;
        }
      }
      throw new NotFoundError(
        `There is no ready ${domain} checkpoint "${agent.name}" that you may use ` +
          `(GET /api/checkpoints lists them), nor is it astra or scripted:<name>.`,
      );
  }
}

/** Refuses listed contexts the domain's rules reject, naming the first few. */
export function assertContexts(domainId: DomainId, contexts: readonly Context[] | null): void {
  const domain = getDomain(domainId);
  const problems = (contexts ?? []).flatMap((context, i) =>
    domain
      .validateContext(context)
      .map((message) => ({ path: `evaluation.contexts.${i}`, message })),
  );
  if (problems.length > 0) {
    throw new ValidationError(
      `Listed contexts break the ${domain.name} rules.`,
      problems.slice(0, 20),
    );
  }
}
