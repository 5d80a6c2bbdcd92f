import type { RecordTurn } from '../../corpus/dialogueRecord';
import type { Allocation, Context } from '../../domain/types';
import type { DealOrNoDealLine } from './lineFormat';
import { parseUtterance } from './utteranceParser';
import { utteranceTokens } from './utteranceTokens';
import { itemWords, restWords } from './utteranceWords';

/** The turns, selections and context of a line, with YOU as agent 0. */
export interface ImportedDialogue {
  context: Context;
  firstSpeaker: 0 | 1;
  turns: RecordTurn[];
  selections: [Allocation | null, Allocation | null];
  /** Offers the parser missed and the answering `agree` restored (see `repairMissedOffer`). */
  repairedOffers: number;
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
  const { output } = line;
  let repairedOffers = 0;
  if (output.kind === 'items') {
    turns.forEach((turn, i) => {
      repairedOffers += repairMissedOffer(turns, i, [output.you, output.them]) ? 1 : 0;
    });
  }
  turns.push({ speaker: seat(line.selectedBy), act: { type: 'end' } });
  return {
    repairedOffers,
    context: { counts: [...line.counts], utilities: [[...line.values[0]], [...line.values[1]]] },
    firstSpeaker: turns[0]?.speaker ?? 0,
    turns,
    selections: output.kind === 'items' ? [[...output.you], [...output.them]] : [null, null],
  };
}

/**
 * An `agree` answering a partner turn that is no parsed offer is evidence the parser missed
 * the offer. Where the words allow — the partner's utterance names items or "the rest" — and
 * the dialogue ended in a deal, the partner's turn becomes the offer of what the partner got in
 * that deal (`insist` if it repeats the partner's own latest offer). Otherwise both turns stay
 * as said. Returns whether it repaired turn i's partner turn.
 */
function repairMissedOffer(
  turns: RecordTurn[],
  i: number,
  shares: readonly [readonly number[], readonly number[]],
): boolean {
  const answer = turns[i];
  const offer = turns[i - 1];
  if (answer?.act.type !== 'agree' || offer === undefined || offer.speaker === answer.speaker) {
    return false;
  }
  if (offer.act.type === 'propose' || offer.act.type === 'insist') {
    return false;
  }
  const tokens = utteranceTokens(offer.text ?? '');
  if (!tokens.some((t) => itemWords[t] !== undefined || restWords.has(t) || t === 'all')) {
    return false;
  }
  const allocation = [...shares[offer.speaker]];
  const own = turns
    .slice(0, i - 1)
    .findLast(
      (t) => t.speaker === offer.speaker && (t.act.type === 'propose' || t.act.type === 'insist'),
    );
  const repeats =
    own !== undefined &&
    (own.act.type === 'propose' || own.act.type === 'insist') &&
    own.act.allocation.join() === allocation.join();
  offer.act = { type: repeats ? 'insist' : 'propose', allocation };
  return true;
}
