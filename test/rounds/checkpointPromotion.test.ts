import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCheckpointStore } from '../../platform/checkpoints/checkpointStore';
import { createLogger } from '../../platform/logger';
import { auditModel } from '../../platform/review/auditLog';
import { readRound } from '../support/roundWorkers';
import { resolveVersions } from '../../pipeline/bootstrap';
import { defaultPipelineSettings } from '../../pipeline/pipelineSettings';
import { roundWorkDeps } from '../../pipeline/roundWork';
import type { CheckpointOption } from '../../shared/protocol/checkpoints';
import type { RoundView } from '../../shared/protocol/rounds';
import { evaluatedRound, seedDomainDefaults } from '../support/evaluatedRound';
import { createTestUser } from '../support/factories';
import { HttpClient } from '../support/httpClient';
import { startTestPlatform, type TestPlatform } from '../support/testServer';

/**
 * Checkpoints belong to the researcher whose round trained them: a round's new checkpoints are
 * nobody's default until a person promotes them, promotion moves only the owner's default (the
 * domain's only when an admin says so), and another researcher can neither use nor detect them.
 */
let platform: TestPlatform;
const a = { id: '', client: null as unknown as HttpClient };
const b = { id: '', client: null as unknown as HttpClient };
let admin: HttpClient;

async function signedIn(roles: ('researcher' | 'admin')[]) {
  const user = await createTestUser(platform.db.connection, roles);
  const client = new HttpClient(platform.server.url);
  await client.login(user.username, user.password);
  return { id: user.id, client };
}

beforeAll(async () => {
  platform = await startTestPlatform('checkpoint_promotion');
  Object.assign(a, await signedIn(['researcher']));
  Object.assign(b, await signedIn(['researcher']));
  admin = (await signedIn(['admin'])).client;
  await seedDomainDefaults(platform.db.connection, 'boot');
});
afterAll(async () => {
  await platform.close();
});

const store = () => createCheckpointStore(platform.db.connection);
const catalog = async (client: HttpClient, role: 'alice' | 'bob') => {
  const res = await client.get(`/api/checkpoints?domain=dealornodeal&role=${role}`);
  expect(res.status).toBe(200);
  return (res.body as { checkpoints: CheckpointOption[] }).checkpoints;
};
const createWith = (client: HttpClient, bob: string | null) =>
  client.post('/api/rounds', {
    name: 'from a checkpoint',
    domain: 'dealornodeal',
    checkpoints: { alice: null, bob },
    selfPlayDialogues: 8,
    annotate: 2,
    oracleMix: { human: 0, simulatedExpert: 1, astra: 0 },
  });
/** The versions a round with no checkpoints of its own would start from. */
async function startOf(client: HttpClient) {
  const created = await createWith(client, null);
  expect(created.status).toBe(201);
  const id = (created.body as { round: RoundView }).round.id;
  const deps = roundWorkDeps(
    platform.db.connection,
    createLogger('silent'),
    defaultPipelineSettings,
  );
  return resolveVersions(deps, await readRound(platform.db.connection, id));
}

describe('checkpoint ownership and promotion', () => {
  it('leaves a round’s new checkpoints nobody’s default until they are promoted', async () => {
    const roundId = await evaluatedRound(platform.db.connection, a.client, a.id);
    expect(await store().currentVersion('dealornodeal', 'bob', a.id)).toBe('boot-bob');
    const mine = await catalog(a.client, 'bob');
    expect(mine.map((c) => [c.version, c.current])).toEqual([
      ['boot-bob', true],
      [`${roundId}-bob`, false],
    ]);
    expect(await startOf(a.client)).toEqual({
      alice: 'boot-alice',
      bob: 'boot-bob',
      expert: 'boot-expert',
    });
  });

  it('gives another researcher the same 404 for a checkpoint of someone else’s round as for none', async () => {
    const roundId = await evaluatedRound(platform.db.connection, a.client, a.id);
    const theirs = await createWith(b.client, `${roundId}-bob`);
    const none = await createWith(b.client, 'no-such-checkpoint');
    expect(theirs.status).toBe(404);
    expect(none.status).toBe(404);
    const message = (res: { body: unknown }, name: string) =>
      (res.body as { error: { message: string } }).error.message.replace(name, '<name>');
    expect(message(theirs, `${roundId}-bob`)).toBe(message(none, 'no-such-checkpoint'));
    expect(JSON.stringify(await catalog(b.client, 'bob'))).not.toContain(roundId);
    // Its owner may start from it.
    expect((await createWith(a.client, `${roundId}-bob`)).status).toBe(201);
  });

  it('promotes to the owner’s default only, and audits it', async () => {
    const roundId = await evaluatedRound(platform.db.connection, a.client, a.id);
    const res = await a.client.post(`/api/rounds/${roundId}/promote`, {});
    expect(res.status).toBe(200);
    expect((res.body as { round: RoundView }).round.promotion).toMatchObject({
      scope: 'owner',
      by: a.id,
      alice: `${roundId}-alice`,
      bob: `${roundId}-bob`,
    });
    expect(await startOf(a.client)).toEqual({
      alice: `${roundId}-alice`,
      bob: `${roundId}-bob`,
      expert: 'boot-expert',
    });
    expect((await catalog(a.client, 'bob')).find((c) => c.current)?.version).toBe(`${roundId}-bob`);
    // Nobody else's start moved.
    expect(await startOf(b.client)).toEqual({
      alice: 'boot-alice',
      bob: 'boot-bob',
      expert: 'boot-expert',
    });
    expect(await store().currentVersion('dealornodeal', 'bob')).toBe('boot-bob');
    const audit = await auditModel(platform.db.connection)
      .find({ action: 'round.promote', targetId: roundId })
      .lean();
    expect(audit.map((e) => [e.actorId, e.targetType, e.details.scope])).toEqual([
      [a.id, 'round', 'owner'],
    ]);
  });

  it('refuses promotion by another researcher, to everyone by a researcher, and before evaluation', async () => {
    const roundId = await evaluatedRound(platform.db.connection, a.client, a.id);
    const byOther = await b.client.post(`/api/rounds/${roundId}/promote`, {});
    const unknown = await b.client.post(`/api/rounds/${'f'.repeat(24)}/promote`, {});
    expect([byOther.status, unknown.status]).toEqual([404, 404]);
    const toEveryone = await a.client.post(`/api/rounds/${roundId}/promote`, {
      scope: 'everyone',
    });
    expect(toEveryone.status).toBe(403);
    const draft = await createWith(a.client, null);
    const draftId = (draft.body as { round: RoundView }).round.id;
    const early = await a.client.post(`/api/rounds/${draftId}/promote`, {});
    expect(early.status).toBe(409);
    expect((early.body as { error: { message: string } }).error.message).toContain('draft');
    expect(await store().currentVersion('dealornodeal', 'bob')).toBe('boot-bob');
    expect((await readRound(platform.db.connection, roundId)).promotion).toBeNull();
  });

  it('lets an admin publish a round’s checkpoints as everyone’s default', async () => {
    const roundId = await evaluatedRound(platform.db.connection, a.client, a.id);
    const res = await admin.post(`/api/rounds/${roundId}/promote`, { scope: 'everyone' });
    expect(res.status).toBe(200);
    expect(await store().currentVersion('dealornodeal', 'bob')).toBe(`${roundId}-bob`);
    // B has no default of their own: the published one is theirs to see and use.
    const published = (await catalog(b.client, 'bob')).find((c) => c.current);
    expect(published?.version).toBe(`${roundId}-bob`);
    // …without learning whose round it was.
    expect(published).toMatchObject({ roundId: null, roundName: null });
    expect((await createWith(b.client, `${roundId}-bob`)).status).toBe(201);
    expect((await startOf(b.client)).bob).toBe(`${roundId}-bob`);
  });
});
