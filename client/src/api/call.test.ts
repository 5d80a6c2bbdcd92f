import { describe, expect, expectTypeOf, it } from 'vitest';
import { authRoutes } from '../../../shared/contracts/authRoutes';
import { datasetRoutes } from '../../../shared/contracts/datasetRoutes';
import { roundRoutes } from '../../../shared/contracts/roundRoutes';
import { systemRoutes } from '../../../shared/contracts/systemRoutes';
import type { UserView } from '../../../shared/protocol/auth';
import type { ImportReport } from '../../../shared/protocol/datasets';
import type { HealthView } from '../../../shared/protocol/system';
import type { CheckpointOption } from '../../../shared/protocol/checkpoints';
import type { RoundView } from '../../../shared/protocol/rounds';
import { call, hrefOf } from './call';

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
  // @ts-expect-error a JSONL import takes its body as an upload
  void call(datasetRoutes.import, { query: { dataset: 'pilot' } });
  // @ts-expect-error a JSON route takes no upload
  void call(authRoutes.me, { upload: 'x' });
  expectTypeOf(
    call(datasetRoutes.import, { query: { dataset: 'pilot' }, upload: 'x' }),
  ).resolves.toEqualTypeOf<{ report: ImportReport }>();
  expectTypeOf(
    call(authRoutes.login, { body: { username: 'u', password: 'p' } }),
  ).resolves.toEqualTypeOf<{ user: UserView }>();
  expectTypeOf(call(authRoutes.logout, {})).resolves.toEqualTypeOf<void>();
  expectTypeOf(call(systemRoutes.health, {})).resolves.toEqualTypeOf<HealthView>();
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

  it("sends an upload as it is, in the contract's body type", async () => {
    const seen: { url: string; type: string | undefined; body: unknown }[] = [];
    const fetchBefore = globalThis.fetch;
    globalThis.fetch = ((url: string, init: RequestInit) => {
      const headers = init.headers as Record<string, string>;
      seen.push({ url, type: headers['content-type'], body: init.body });
      return Promise.resolve(new Response(JSON.stringify({ report: {} }), { status: 200 }));
    }) as typeof fetch;
    try {
      await call(datasetRoutes.import, { query: { dataset: 'pilot' }, upload: '{"id":1}\n' });
    } finally {
      globalThis.fetch = fetchBefore;
    }
    expect(seen).toEqual([
      {
        url: '/api/datasets/import?dataset=pilot',
        type: 'application/x-ndjson',
        body: '{"id":1}\n',
      },
    ]);
  });

  it('gives the address of a download with its query', () => {
    expect(hrefOf(datasetRoutes.export, { query: { source: 'import' } })).toBe(
      '/api/datasets/export?source=import',
    );
    expect(hrefOf(datasetRoutes.export, { query: {} })).toBe('/api/datasets/export');
  });
});
