import { describe, expect, expectTypeOf, it } from 'vitest';
import { roundRoutes } from '../../../shared/contracts/roundRoutes';
import type { CheckpointOption } from '../../../shared/protocol/checkpoints';
import type { RoundView } from '../../../shared/protocol/rounds';
import { call } from './call';

// The type checks run in `npm run typecheck` (each @ts-expect-error must stay an error).
function typesOnly() {
  // @ts-expect-error a route with :roundId needs its params
  void call(roundRoutes.get, {});
  // @ts-expect-error the domain must be one the query schema accepts
  void call(roundRoutes.checkpoints, { query: { domain: 'chess', role: 'alice' } });
  expectTypeOf(call(roundRoutes.get, { params: { roundId: 'x' } })).resolves.toEqualTypeOf<{
    round: RoundView;
  }>();
  expectTypeOf(
    call(roundRoutes.checkpoints, { query: { domain: 'casino', role: 'bob' } }),
  ).resolves.toEqualTypeOf<{ checkpoints: CheckpointOption[] }>();
}

describe('call: a REST route through its contract', () => {
  it('fills the path, the query and the method from the contract', async () => {
    const seen: { url: string; method: string }[] = [];
    const fetchBefore = globalThis.fetch;
    globalThis.fetch = ((url: string, init: RequestInit) => {
      seen.push({ url, method: init.method ?? 'GET' });
      return Promise.resolve(new Response(JSON.stringify({ checkpoints: [] }), { status: 200 }));
    }) as typeof fetch;
    try {
      await call(roundRoutes.checkpoints, { query: { domain: 'casino', role: 'bob' } });
      await call(roundRoutes.get, { params: { roundId: 'a/b' } });
    } finally {
      globalThis.fetch = fetchBefore;
    }
    expect(seen).toEqual([
      { url: '/api/checkpoints?domain=casino&role=bob', method: 'GET' },
      { url: '/api/rounds/a%2Fb', method: 'GET' },
    ]);
    expect(typeof typesOnly).toBe('function');
  });
});
