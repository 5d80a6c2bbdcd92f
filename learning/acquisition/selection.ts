import { ActError } from '../../shared/dialogue/actRules';
import {
  applyAct,
  nextSpeaker,
  startDialogue,
  type DialogueState,
} from '../../shared/dialogue/dialogue';
import type { Turn } from '../../shared/dialogue/turn';
import type { Domain } from '../../shared/domain/types';
import { mostNovel, type NoveltyScore } from '../novelty';

/** A self-play dialogue chosen for the oracle, and where it is cut. */
export interface SelectedCut {
  /** Index into the ranked dialogues. */
  index: number;
  /** The turn of Alice's most novel act: the prefix is turns[0..cutAt]. */
  cutAt: number;
  prefix: Turn[];
}

export interface SelectionOptions {
  /** How many dialogues the oracle continues (k). */
  annotate: number;
  /** A further condition on a prefix (the platform's tasks refuse unparsed acts, for one). */
  accepts?: (prefix: readonly Turn[]) => boolean;
}

/**
 * The targeted-acquisition choice, for experiments and rounds alike: the k most novel dialogues
 * (lowest score first, ties in input order), each cut just after Alice's most novel act,
 * skipping those where the oracle would have nothing to say — the prefix ends the dialogue or
 * does not hand the turn to Bob's seat — and those whose prefix already holds an agreement
 * (the deal is struck; continuing it teaches nothing about negotiating).
 */
export function selectForAnnotation(
  domain: Domain,
  dialogues: readonly DialogueState[],
  novelty: readonly NoveltyScore[],
  options: SelectionOptions,
): SelectedCut[] {
  const selected: SelectedCut[] = [];
  for (const index of mostNovel(novelty, dialogues.length)) {
    if (selected.length >= options.annotate) {
      break;
    }
    const dialogue = dialogues[index]!;
    const cutAt = novelty[index]!.mostNovelTurn;
    const prefix = dialogue.turns.slice(0, cutAt + 1).map((t) => ({ ...t }));
    if (!leavesBobToSpeak(domain, dialogue, prefix)) {
      continue;
    }
    if (options.accepts !== undefined && !options.accepts(prefix)) {
      continue;
    }
    selected.push({ index, cutAt, prefix });
  }
  return selected;
}

/** The prefix replays under the act rules, holds no agreement, and it is Bob's turn after it. */
function leavesBobToSpeak(domain: Domain, dialogue: DialogueState, prefix: Turn[]): boolean {
  if (prefix.some((t) => t.act.type === 'agree')) {
    return false;
  }
  let state = startDialogue(domain, dialogue.context, dialogue.firstSpeaker);
  try {
    for (const turn of prefix) {
      state = applyAct(state, turn.speaker, turn.act);
    }
  } catch (error) {
    // A prefix the rules refuse (a human dialogue the rules never constrained) cannot be handed on.
    if (error instanceof ActError) {
      return false;
    }
    throw error;
  }
  return state.endedBy === null && nextSpeaker(state) === 1;
}
