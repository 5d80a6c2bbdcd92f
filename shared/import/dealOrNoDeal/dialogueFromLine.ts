import type { RecordTurn } from '../../corpus/dialogueRecord';
import type { Allocation, Context } from '../../domain/types';
import type { DealOrNoDealLine } from './lineFormat';
import { parseUtterance } from './utteranceParser';

/** The turns, selections and context of a line, with YOU as agent 0. */
export interface ImportedDialogue {
  context: Context;
  firstSpeaker: 0 | 1;
  turns: RecordTurn[];
  selections: [Allocation | null, Allocation | null];
}

/**
 * Turns a line into a dialogue from its YOU side's point of view: each utterance parsed into a
 * coarse act (an `insist` when it repeats the speaker's own latest offer), the `<selection>` as
 * the final `end`, and the selections from `<output>` (none for `<disagree>`, `<no_agreement>`,
 * `<disconnect>`: the original data does not keep what was selected then).
 */
export function dialogueFromLine(line: DealOrNoDealLine): ImportedDialogue {
  const seat = (speaker: 'YOU' | 'THEM') => (speaker === 'YOU' ? 0 : 1);
  const lastOffers: [number[] | null, number[] | null] = [null, null];
  const turns: RecordTurn[] = line.utterances.map(({ speaker, text }) => {
    const agent = seat(speaker);
    const act = parseUtterance(text, {
      counts: line.counts,
      previousOffer: lastOffers[agent],
      partnerOffer: lastOffers[agent === 0 ? 1 : 0],
    });
    if (act.type === 'propose' || act.type === 'insist') {
      lastOffers[agent] = act.allocation;
    }
    return { speaker: agent, act, text };
  });
  turns.push({ speaker: seat(line.selectedBy), act: { type: 'end' } });
  const { output } = line;
  return {
    context: { counts: [...line.counts], utilities: [[...line.values[0]], [...line.values[1]]] },
    firstSpeaker: turns[0]?.speaker ?? 0,
    turns,
    selections: output.kind === 'items' ? [[...output.you], [...output.them]] : [null, null],
  };
}
