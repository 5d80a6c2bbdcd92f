import { describe, expect, it } from 'vitest';
import { actPayloadSchema, selectPayloadSchema, taskRefPayloadSchema } from './annotation';
import { loginBodySchema } from './auth';
import { studyEnterBodySchema } from './studies';
import { can, permissions, roles } from './roles';

const taskId = 'a'.repeat(24);

describe('permissions', () => {
  it('lets admins do everything and every other role only what the table lists', () => {
    for (const permission of Object.keys(permissions) as (keyof typeof permissions)[]) {
      expect(can(['admin'], permission)).toBe(true);
      for (const role of roles.filter((r) => r !== 'admin')) {
        expect(can([role], permission)).toBe(
          (permissions[permission] as readonly string[]).includes(role),
        );
      }
      expect(can([], permission)).toBe(false);
    }
    expect(can(['worker'], 'annotate')).toBe(true);
    expect(can(['worker'], 'manageApiTokens')).toBe(false);
  });
});

describe('wire schemas', () => {
  it('accept well-formed payloads', () => {
    expect(
      actPayloadSchema.parse({ taskId, seq: 1, act: { type: 'propose', allocation: [1, 0, 2] } }),
    ).toEqual({ taskId, seq: 1, act: { type: 'propose', allocation: [1, 0, 2] } });
    expect(selectPayloadSchema.parse({ taskId, allocation: null }).allocation).toBeNull();
    // An allocation's limits are inclusive: 8 amounts, each up to 100.
    const widest = { type: 'propose', allocation: [100, 0, 0, 0, 0, 0, 0, 100] };
    expect(actPayloadSchema.parse({ taskId, seq: 1, act: widest }).act).toStrictEqual(widest);
    expect(
      studyEnterBodySchema.parse({ studyId: 'demo', participantId: '5f9a', sig: 'a'.repeat(64) }),
    ).toBeTruthy();
  });

  it('reject operators, extra keys, wrong types and oversized values', () => {
    const bad: [{ safeParse(v: unknown): { success: boolean } }, unknown][] = [
      [taskRefPayloadSchema, { taskId: { $gt: '' } }],
      [taskRefPayloadSchema, { taskId, extra: 1 }],
      [taskRefPayloadSchema, { taskId: taskId.toUpperCase() }],
      [actPayloadSchema, { taskId, seq: '1', act: { type: 'agree' } }],
      [actPayloadSchema, { taskId, seq: 0, act: { type: 'agree' } }],
      [actPayloadSchema, { taskId, seq: 1.5, act: { type: 'agree' } }],
      [actPayloadSchema, { taskId, seq: 1, act: { type: 'agree', allocation: [1] } }],
      [actPayloadSchema, { taskId, seq: 1, act: { type: 'shout' } }],
      [
        actPayloadSchema,
        { taskId, seq: 1, act: { type: 'propose', allocation: Array(9).fill(0) } },
      ],
      [actPayloadSchema, { taskId, seq: 1, act: { type: 'propose', allocation: [1e9, 0, 0] } }],
      [actPayloadSchema, { taskId, seq: 1, act: { type: 'propose', allocation: [101, 0, 0] } }],
      [selectPayloadSchema, { taskId, allocation: [-1, 0, 0] }],
      [selectPayloadSchema, { taskId }],
      [loginBodySchema, { username: { $ne: null }, password: 'x' }],
      [studyEnterBodySchema, { studyId: 'demo', participantId: 'a b', sig: 'a'.repeat(64) }],
      [studyEnterBodySchema, { studyId: 'demo', participantId: 'ab' }],
    ];
    for (const [schema, value] of bad) {
      expect(schema.safeParse(value).success, JSON.stringify(value)).toBe(false);
    }
  });
});
