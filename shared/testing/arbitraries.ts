import fc from 'fast-check';
import { getDomain } from '../domain/domains';
import type { Context, Domain, DomainId } from '../domain/types';
import { createRng } from '../random/rng';

/**
 * fast-check arbitraries shared by the property tests (test code only: nothing in production
 * imports this file).
 */

/** A context sampled by the domain itself, from an arbitrary seed. */
export function sampledContext(domainId: DomainId): fc.Arbitrary<Context> {
  const domain = getDomain(domainId);
  return fc.integer().map((seed) => domain.sampleContext(createRng(seed)));
}

/** Any counts (1–4 of 1–4 item types) and any non-negative integer utilities: beyond the domains. */
export const anyContext: fc.Arbitrary<Context> = fc.integer({ min: 1, max: 4 }).chain((items) =>
  fc.record({
    counts: fc.array(fc.integer({ min: 0, max: 4 }), { minLength: items, maxLength: items }),
    utilities: fc.tuple(
      fc.array(fc.integer({ min: 0, max: 10 }), { minLength: items, maxLength: items }),
      fc.array(fc.integer({ min: 0, max: 10 }), { minLength: items, maxLength: items }),
    ),
  }),
);

/** An allocation within `counts` (each amount 0..count). */
export function allocationWithin(counts: readonly number[]): fc.Arbitrary<number[]> {
  return fc.tuple(...counts.map((c) => fc.integer({ min: 0, max: c })));
}

/** A domain together with one of its sampled contexts. */
export const domainAndContext: fc.Arbitrary<{ domain: Domain; context: Context }> = fc
  .constantFrom<DomainId>('dealornodeal', 'casino')
  .chain((id) => sampledContext(id).map((context) => ({ domain: getDomain(id), context })));
