import type { Act } from '../dialogue/acts';
import { priorityLevels } from '../dialogue/acts';
import { applyAct, startDialogue, type DialogueState } from '../dialogue/dialogue';
import { lastOffer } from '../dialogue/actRules';
import type { AgentIndex, Domain } from '../domain/types';
import type { Rng } from '../random/rng';
import type { AstraState } from './types';

/**
 * A random, legal mid-negotiation state with `self` to move, for property tests and the latency
 * bench: a sampled context, a random seat, and a random history of offers (new or repeated),
 * rejections and (where the domain has them) preference statements.
 */
export function randomAstraState(domain: Domain, rng: Rng): AstraState {
  const context = domain.sampleContext(rng);
  const self: AgentIndex = rng.chance(0.5) ? 0 : 1;
  const partner: AgentIndex = self === 0 ? 1 : 0;
  // An even number of turns before self's turn when self starts, odd when the partner does.
  const firstSpeaker: AgentIndex = rng.chance(0.5) ? self : partner;
  const maxLength = domain.maxTurns - 1;
  let length = rng.int(0, maxLength);
  if ((length % 2 === 0) !== (firstSpeaker === self)) {
    length = length === 0 ? 1 : length - 1;
  }
  let state = startDialogue(domain, context, firstSpeaker);
  for (let turn = 0; turn < length; turn++) {
    const speaker = ((firstSpeaker + turn) % 2) as AgentIndex;
    state = applyAct(state, speaker, randomAct(state, speaker, rng));
  }
  return {
    domain: domain.id,
    counts: context.counts,
    utilities: context.utilities[self],
    history: state.turns.map((t) => ({
      speaker: t.speaker === self ? 'self' : 'partner',
      act: t.act,
    })),
  };
}

function randomAct(state: DialogueState, speaker: AgentIndex, rng: Rng): Act {
  const { domain, context, turns } = state;
  const own = lastOffer(turns, speaker);
  const last = turns.at(-1);
  const answerable =
    last !== undefined &&
    last.speaker !== speaker &&
    (last.act.type === 'propose' || last.act.type === 'insist');
  const roll = rng.next();
  if (own !== null && roll < 0.15) {
    return { type: 'insist', allocation: [...own.allocation] };
  }
  if (answerable && roll < 0.25) {
    return { type: 'disagree' };
  }
  if (domain.supportsPreferences && roll < 0.35) {
    return {
      type: 'statePreference',
      item: rng.int(0, domain.items.length - 1),
      priority: rng.pick(priorityLevels),
    };
  }
  return { type: 'propose', allocation: context.counts.map((c) => rng.int(0, c)) };
}
