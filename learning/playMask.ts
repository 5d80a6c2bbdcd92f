import { isOffer, talkActTypes } from '../shared/dialogue/acts';
import type { Turn } from '../shared/dialogue/dialogue';
import { validActMask } from '../shared/dialogue/validActs';
import { vocabularyFor } from '../shared/dialogue/vocabulary';
import type { AgentIndex, Context, Domain } from '../shared/domain/types';

/** Whether `speaker`'s partner has just agreed to `speaker`'s latest offer. */
export function partnerAgreedToMyOffer(turns: readonly Turn[], speaker: AgentIndex): boolean {
  const answer = turns.at(-1);
  const offer = turns.at(-2);
  return (
    answer?.act.type === 'agree' &&
    answer.speaker !== speaker &&
    offer?.speaker === speaker &&
    isOffer(offer.act)
  );
}

/**
 * The acts a learned policy may say when it plays (self-play, live replies): what the rules
 * allow (validActMask), and once the partner has agreed to its offer, only `end` — a policy
 * closes the deal it made, as the scripted negotiators and ASTRA do. Without this a barely
 * trained policy answered a worker's "deal" with a new offer. A policy never plays a talk act
 * (`unknown`, `greet`, `inquire`): those tokens mark what people said around their moves, and a
 * played one would reach annotators as a turn with nothing in it to answer. Training and teacher-forced scoring
 * read recorded dialogues (people may go on talking) with the rules' mask alone.
 */
export function playActMask(
  domain: Domain,
  context: Context,
  turns: readonly Turn[],
  speaker: AgentIndex,
  into?: Uint8Array,
): Uint8Array {
  const mask = validActMask(domain, context, turns, speaker, into);
  const vocabulary = vocabularyFor(domain);
  for (const type of talkActTypes) {
    mask[vocabulary.encode({ type })] = 0;
  }
  if (partnerAgreedToMyOffer(turns, speaker)) {
    mask.fill(0);
    mask[vocabulary.encode({ type: 'end' })] = 1;
  }
  return mask;
}
