import { allocationsEqual, isValidAllocation } from '../domain/allocation';
import type { AgentIndex, Context, Domain } from '../domain/types';
import { isOffer } from './acts';
import { lastOffer } from './actRules';
import type { Turn } from './dialogue';
import { vocabularyFor } from './vocabulary';

/**
 * Which vocabulary tokens `speaker` may say next: 1 where `actViolation` would accept the act,
 * 0 elsewhere (a test keeps the two in step). Models multiply their distributions by this
 * mask, so sampling never yields an illegal act. Allocation validity per context is cached.
 */
export function validActMask(
  domain: Domain,
  context: Context,
  history: readonly Turn[],
  speaker: AgentIndex,
  into?: Uint8Array,
): Uint8Array {
  const vocabulary = vocabularyFor(domain);
  const mask = into ?? new Uint8Array(vocabulary.size);
  mask.set(staticMask(domain, context.counts));
  const last = history.at(-1);
  const canAnswer = last !== undefined && last.speaker !== speaker && isOffer(last.act);
  const own = lastOffer(history, speaker);
  vocabulary.acts.forEach((act, id) => {
    if (act.type === 'agree' || act.type === 'disagree') {
      mask[id] = canAnswer ? 1 : 0;
    } else if (act.type === 'insist') {
      mask[id] =
        mask[id] === 1 && own !== null && allocationsEqual(own.allocation, act.allocation) ? 1 : 0;
    }
  });
  return mask;
}

const staticMasks = new Map<string, Uint8Array>();

/** The part of the mask that depends only on the counts (allocations within them). */
function staticMask(domain: Domain, counts: readonly number[]): Uint8Array {
  const key = `${domain.id}:${counts.join(',')}`;
  let mask = staticMasks.get(key);
  if (mask === undefined) {
    const acts = vocabularyFor(domain).acts;
    mask = Uint8Array.from(acts, (act) =>
      isOffer(act) ? Number(isValidAllocation(counts, act.allocation)) : 1,
    );
    staticMasks.set(key, mask);
  }
  return mask;
}
