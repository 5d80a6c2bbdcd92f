import { scriptedNegotiatorNames } from '../../../shared/agents/scripted/catalogue';
import type { CheckpointOption } from '../../../shared/protocol/checkpoints';
import { useLoad } from '../layout/useLoad';
import { listCheckpoints } from './roundsApi';

export interface EvaluationDraft {
  agents: string[];
  dialoguesPerModel: number;
  /** The questionnaire as text (evaluationForm.ts: `id | likert or open | text` a line). */
  questionnaire: string;
}

/** The agents a researcher may compare: ASTRA, the scripted negotiators, their checkpoints. */
function useAgentOptions(): { options: { name: string; label: string }[]; error: string | null } {
  const checkpoints = useLoad<CheckpointOption[]>(
    async () =>
      (
        await Promise.all(
          (['alice', 'bob', 'expert'] as const).map((role) =>
            listCheckpoints('dealornodeal', role),
          ),
        )
      ).flat(),
    'evaluation-agents',
  );
  return {
    options: [
      { name: 'astra', label: 'ASTRA (rule-based offer optimiser)' },
      ...scriptedNegotiatorNames.map((n) => ({
        name: `scripted:${n}`,
        label: `Scripted negotiator (${n})`,
      })),
      ...(checkpoints.data ?? []).map((c) => ({
        name: c.version,
        label: `Checkpoint ${c.label} (${c.role})`,
      })),
    ],
    error: checkpoints.error,
  };
}

/**
 * What an evaluation study compares (DealOrNoDeal): the agents that play Alice's seat, the
 * dialogues per agent and participant, and the questionnaire after each dialogue.
 */
export function EvaluationFields({
  draft,
  onChange,
}: {
  draft: EvaluationDraft;
  onChange: (draft: EvaluationDraft) => void;
}) {
  const { options, error } = useAgentOptions();
  return (
    <>
      <fieldset data-testid="evaluation-agents">
        <legend>Agents to compare (each plays Alice, unnamed, against every participant)</legend>
        {error !== null && <span className="error field-error">{error}</span>}
        {options.map((o) => (
          <label key={o.name} className="inline">
            <input
              type="checkbox"
              value={o.name}
              checked={draft.agents.includes(o.name)}
              onChange={(e) =>
                onChange({
                  ...draft,
                  agents: e.target.checked
                    ? [...draft.agents, o.name]
                    : draft.agents.filter((a) => a !== o.name),
                })
              }
            />{' '}
            {o.label}
          </label>
        ))}
      </fieldset>
      <label>
        Dialogues per agent and participant
        <input
          name="dialoguesPerModel"
          type="number"
          min={1}
          max={10}
          value={draft.dialoguesPerModel}
          onChange={(e) => onChange({ ...draft, dialoguesPerModel: Number(e.target.value) })}
        />
        <span className="muted small">
          Each participant negotiates agents × this many times (that is their tasks per
          participant), in a counterbalanced order, on fresh contexts of the domain.
        </span>
      </label>
      <label>
        Questionnaire after each dialogue (one question a line: id | likert or open | text)
        <textarea
          name="questionnaire"
          rows={8}
          value={draft.questionnaire}
          onChange={(e) => onChange({ ...draft, questionnaire: e.target.value })}
        />
      </label>
    </>
  );
}
