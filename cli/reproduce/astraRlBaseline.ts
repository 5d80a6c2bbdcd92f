import { playBatch } from '../../learning/batchedPlay';
import type { Policy } from '../../learning/policyNetwork';
import { scriptedNegotiators } from '../../shared/agents/scripted/catalogue';
import type { DomainId } from '../../shared/domain/types';
import {
  cellDialogue,
  personas,
  resultOf,
  seedName,
  type DialogueResult,
  type PersonaName,
} from './astraRun';

/** The RL baseline of Table 1: a learned policy's dialogues against each persona's stand-in. */
export interface RlBaseline {
  domain: DomainId;
  /** Where the policy came from (a checkpoint file), for the report. */
  source: string;
  byPersona: Record<PersonaName, DialogueResult[]>;
}

/**
 * Plays `policy` in the agent's seat (Bob's, as ASTRA) against each persona's stand-in, on the
 * same contexts, first speakers and partner randomness as the ASTRA cells of every seed
 * (`cellDialogue`), so its row differs from theirs by the agent only. The policy samples from
 * its own distribution (temperature 1, as experiments evaluate) and never plays talk acts.
 */
export async function playRlBaseline(options: {
  policy: Policy;
  source: string;
  dialogues: number;
  seed: string;
  seeds: number;
  progress?: (line: string) => void;
}): Promise<RlBaseline> {
  const domain = options.policy.shapes.domain;
  const byPersona = {} as Record<PersonaName, DialogueResult[]>;
  for (const persona of personas) {
    const started = Date.now();
    const results: DialogueResult[] = [];
    for (let k = 0; k < options.seeds; k++) {
      const cellSeed = `${seedName(options.seed, k)}/${domain.id}/${persona.name}`;
      const dialogues = Array.from({ length: options.dialogues }, (_, i) =>
        cellDialogue(domain, cellSeed, i),
      );
      const partner = scriptedNegotiators[persona.standIn].create;
      const played = await playBatch(
        [{ negotiator: (i) => partner(dialogues[i]!.partnerRng) }, { policy: options.policy }],
        dialogues.map(({ context, firstSpeaker }) => ({ context, firstSpeaker })),
        { seed: `${cellSeed}/rl` },
      );
      results.push(...played.map((d) => resultOf(d.state.outcome)));
    }
    byPersona[persona.name] = results;
    options.progress?.(
      `${domain.id} RL baseline vs ${persona.name}: ${results.length} dialogues in ${((Date.now() - started) / 1000).toFixed(1)} s`,
    );
  }
  return { domain: domain.id, source: options.source, byPersona };
}
