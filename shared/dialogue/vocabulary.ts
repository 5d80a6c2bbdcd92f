import { allocationsEqual, enumerateAllocations } from '../domain/allocation';
import type { Domain, DomainId } from '../domain/types';
import { formatAct, priorityLevels, type Act } from './acts';

/**
 * The act ↔ token id mapping a model uses for one domain. Ids are deterministic: fixed acts
 * first, then every `propose` allocation in lexicographic order up to the domain's largest
 * count, then the `insist` ones in the same order, then the talk acts people say and models only read
 * (`unknown`, `greet`, `inquire`; `talkActTypes`).
 */
export interface Vocabulary {
  domainId: DomainId;
  size: number;
  acts: readonly Act[];
  encode(act: Act): number;
  decode(id: number): Act;
}

const cache = new Map<DomainId, Vocabulary>();

/** The domain's vocabulary, built once per process. */
export function vocabularyFor(domain: Domain): Vocabulary {
  const cached = cache.get(domain.id);
  if (cached !== undefined) {
    return cached;
  }
  const vocabulary = buildVocabulary(domain);
  cache.set(domain.id, vocabulary);
  return vocabulary;
}

/** A fresh vocabulary (tests of its layout build their own, apart from the cache). */
export function buildVocabulary(domain: Domain): Vocabulary {
  const acts: Act[] = [{ type: 'agree' }, { type: 'disagree' }, { type: 'end' }];
  if (domain.supportsWalkaway) {
    acts.push({ type: 'walkaway' });
  }
  if (domain.supportsPreferences) {
    acts.push({ type: 'askPreference' });
    domain.items.forEach((_, item) => {
      for (const priority of priorityLevels) {
        acts.push({ type: 'statePreference', item, priority });
      }
    });
  }
  const allocations = enumerateAllocations(domain.items.map(() => domain.maxCountPerItem));
  for (const type of ['propose', 'insist'] as const) {
    for (const allocation of allocations) {
      acts.push({ type, allocation });
    }
  }
  acts.push({ type: 'unknown' }, { type: 'greet' }, { type: 'inquire' });
  const ids = new Map(acts.map((act, id) => [formatAct(act), id]));
  const vocabulary: Vocabulary = {
    domainId: domain.id,
    size: acts.length,
    acts,
    encode(act) {
      const id = ids.get(formatAct(act));
      if (id === undefined) {
        throw new RangeError(`${formatAct(act, domain)} is not in the ${domain.name} vocabulary`);
      }
      return id;
    },
    decode(id) {
      const act = acts[id];
      if (act === undefined) {
        throw new RangeError(
          `token ${id} is outside the ${domain.name} vocabulary (size ${acts.length})`,
        );
      }
      return act;
    },
  };
  return vocabulary;
}

/** Convenience for tests and parsers: the same act with a fresh allocation array. */
export function sameAct(a: Act, b: Act): boolean {
  if (a.type !== b.type) {
    return false;
  }
  if (
    (a.type === 'propose' || a.type === 'insist') &&
    (b.type === 'propose' || b.type === 'insist')
  ) {
    return allocationsEqual(a.allocation, b.allocation);
  }
  return formatAct(a) === formatAct(b);
}
