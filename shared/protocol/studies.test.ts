import { describe, expect, it } from 'vitest';
import {
  createCodesBodySchema,
  createStudyBodySchema,
  entryFromQuery,
  prolificCompletionUrl,
  signedLinksBodySchema,
  studyEnterBodySchema,
  updateStudyBodySchema,
} from './studies';

const q = (params: Record<string, string>) => new URLSearchParams(params);
const sig = 'ab'.repeat(32);

describe('study links', () => {
  it("reads Prolific's parameters", () => {
    expect(
      entryFromQuery('st-1', q({ PROLIFIC_PID: 'p1', STUDY_ID: 's1', SESSION_ID: 'x1', sig })),
    ).toStrictEqual({
      ok: true,
      body: {
        studyId: 'st-1',
        participantId: 'p1',
        platform: 'prolific',
        platformStudyId: 's1',
        sessionId: 'x1',
        sig,
      },
    });
  });

  it("reads MTurk's parameters and refuses its preview", () => {
    expect(
      entryFromQuery(
        'st-1',
        q({
          workerId: 'W1',
          assignmentId: 'A1',
          hitId: 'H1',
          turkSubmitTo: 'https://www.mturk.com',
          code: 'x',
        }),
      ),
    ).toStrictEqual({
      ok: true,
      body: {
        studyId: 'st-1',
        participantId: 'W1',
        platform: 'mturk',
        assignmentId: 'A1',
        hitId: 'H1',
        turkSubmitTo: 'https://www.mturk.com',
        code: 'x',
      },
    });
    expect(
      entryFromQuery('st-1', q({ assignmentId: 'ASSIGNMENT_ID_NOT_AVAILABLE' })),
    ).toStrictEqual({
      ok: false,
      reason: 'mturk_preview',
    }); // An MTurk link without its worker names no one, whatever else it carries.
    expect(entryFromQuery('st-1', q({ assignmentId: 'A1', participant: 'p7', sig }))).toStrictEqual(
      { ok: false, reason: 'no_participant' },
    );
  });

  it('leaves out what a link does not give, and treats an empty parameter as not given', () => {
    expect(entryFromQuery('st-1', q({ PROLIFIC_PID: 'p1', SESSION_ID: '', sig }))).toStrictEqual({
      ok: true,
      body: { studyId: 'st-1', participantId: 'p1', platform: 'prolific', sig },
    });
    expect(entryFromQuery('st-1', q({ workerId: 'W1', sig }))).toStrictEqual({
      ok: true,
      body: { studyId: 'st-1', participantId: 'W1', platform: 'mturk', sig },
    });
    expect(entryFromQuery('st-1', q({ participant: 'p7', sig }))).toStrictEqual({
      ok: true,
      body: { studyId: 'st-1', participantId: 'p7', platform: 'direct', sig },
    });
    expect(entryFromQuery('st-1', q({ worker: 'w7', code: 'c' }))).toStrictEqual({
      ok: true,
      body: { studyId: 'st-1', participantId: 'w7', platform: 'direct', code: 'c' },
    });
    // An empty participant parameter names no one; the code then does.
    expect(entryFromQuery('st-1', q({ participant: '', code: 'c' }))).toStrictEqual({
      ok: true,
      body: { studyId: 'st-1', participantId: 'code-C', platform: 'direct', code: 'c' },
    });
  });

  it('asks for a code when the link has neither signature nor code', () => {
    const link = entryFromQuery('st-1', q({ PROLIFIC_PID: 'p1' }));
    expect(link).toMatchObject({ ok: false, reason: 'no_credential' });
    expect(entryFromQuery('st-1', q({}))).toStrictEqual({ ok: false, reason: 'no_participant' });
  });

  it('names the participant of a bare code link after the code', () => {
    expect(entryFromQuery('st-1', q({ code: 'abcdefghjkmn' }))).toMatchObject({
      ok: true,
      body: { participantId: 'code-ABCDEFGHJKMN', code: 'abcdefghjkmn', platform: 'direct' },
    });
    // The same code, however it was typed, names the same participant.
    expect(entryFromQuery('st-1', q({ code: ' abcdefghjkmn ' }))).toMatchObject({
      ok: true,
      body: { participantId: 'code-ABCDEFGHJKMN' },
    });
  });

  it('accepts a signature or a code alone, and refuses a body with neither', () => {
    const entry = { studyId: 'st-1', participantId: 'p' };
    expect(studyEnterBodySchema.safeParse({ ...entry, code: 'abcdefghjkmn' }).success).toBe(true);
    expect(studyEnterBodySchema.safeParse({ ...entry, sig }).success).toBe(true);
    expect(
      studyEnterBodySchema.safeParse(entry).error?.issues.map((i) => [i.path.join('.'), i.message]),
    ).toEqual([['sig', 'a study link needs its signature (sig) or a one-time code (code)']]);
  });

  it('normalises codes and signatures, and rejects foreign MTurk submit hosts', () => {
    const parsed = studyEnterBodySchema.parse({
      studyId: 'st-1',
      participantId: 'p',
      code: ' abcdefghjkmn ',
      sig: sig.toUpperCase(),
      turkSubmitTo: 'https://workersandbox.mturk.com//',
    });
    expect(parsed).toMatchObject({
      code: 'ABCDEFGHJKMN',
      sig,
      turkSubmitTo: 'https://workersandbox.mturk.com',
    });
    const foreign = studyEnterBodySchema.safeParse({
      studyId: 'st-1',
      participantId: 'p',
      sig,
      turkSubmitTo: 'https://evil.example',
    });
    expect(foreign.success).toBe(false);
  });

  it("builds Prolific's completion link", () => {
    expect(prolificCompletionUrl('C0DE')).toBe(
      'https://app.prolific.com/submissions/complete?cc=C0DE',
    );
  });
});

const round = '0123456789abcdef01234567';
const annotation = {
  kind: 'annotation',
  name: ' pilot ',
  quota: 50,
  tasksPerParticipant: 3,
  completionCode: 'C0DE_1-x',
  roundIds: [round],
};
const evaluation = {
  ...annotation,
  kind: 'evaluation',
  roundIds: undefined,
  evaluation: { domain: 'dealornodeal', checkpoints: ['astra', 'scripted:boulware'] },
};
const problems = (body: object) =>
  createStudyBodySchema.safeParse(body).error?.issues.map((i) => [i.path.join('.'), i.message]) ??
  [];

describe('a new study', () => {
  it('an annotation study: its rounds, no checkpoints, the name trimmed', () => {
    expect(createStudyBodySchema.parse(annotation)).toStrictEqual({
      ...annotation,
      name: 'pilot',
      evaluation: null,
    });
    expect(problems({ ...annotation, roundIds: [] })).toStrictEqual([
      ['roundIds', 'an annotation study needs at least one round'],
    ]);
    expect(problems({ ...annotation, evaluation: evaluation.evaluation })).toStrictEqual([
      ['evaluation', 'an annotation study has rounds, not checkpoints'],
    ]);
  });

  it('an evaluation study: its checkpoints, no rounds', () => {
    const parsed = createStudyBodySchema.parse(evaluation);
    expect(parsed.roundIds).toStrictEqual([]);
    expect(parsed.evaluation?.checkpoints).toStrictEqual(['astra', 'scripted:boulware']);
    expect(problems({ ...evaluation, evaluation: null })).toStrictEqual([
      ['evaluation', 'an evaluation study needs its checkpoints'],
    ]);
    expect(problems({ ...evaluation, roundIds: [round] })).toStrictEqual([
      ['roundIds', 'an evaluation study has checkpoints, not rounds'],
    ]);
  });

  it('accepts each field at its limits and refuses it one step past', () => {
    const edge = {
      ...annotation,
      name: 'n'.repeat(120),
      quota: 100_000,
      tasksPerParticipant: 100,
      completionCode: 'A'.repeat(40),
      roundIds: Array.from({ length: 20 }, () => round),
    };
    expect(createStudyBodySchema.safeParse(edge).success).toBe(true);
    expect(
      createStudyBodySchema.safeParse({
        ...annotation,
        quota: 1,
        tasksPerParticipant: 1,
        completionCode: 'ABCD',
      }).success,
    ).toBe(true);
    for (const change of [
      { kind: 'survey' },
      { name: '  ' },
      { name: 'n'.repeat(121) },
      { quota: 0 },
      { quota: 100_001 },
      { quota: 2.5 },
      { tasksPerParticipant: 0 },
      { tasksPerParticipant: 101 },
      { completionCode: 'ABC' },
      { completionCode: 'A'.repeat(41) },
      { completionCode: 'AB CD' },
      { roundIds: Array.from({ length: 21 }, () => round) },
      { roundIds: ['0123456789ABCDEF01234567'] },
      { secret: 'mine' },
    ]) {
      expect(
        createStudyBodySchema.safeParse({ ...annotation, ...change }).success,
        JSON.stringify(change),
      ).toBe(false);
    }
  });
});

describe('changing a study, codes and links', () => {
  it('changes any field but the kind, at least one', () => {
    expect(updateStudyBodySchema.parse({ quota: 10 })).toStrictEqual({ quota: 10 });
    expect(updateStudyBodySchema.parse({ name: ' renamed ' })).toStrictEqual({ name: 'renamed' });
    expect(updateStudyBodySchema.safeParse({}).error?.issues.map((i) => i.message)).toStrictEqual([
      'change at least one field',
    ]);
    expect(updateStudyBodySchema.safeParse({ kind: 'evaluation' }).success).toBe(false);
    expect(updateStudyBodySchema.safeParse({ quota: 0 }).success).toBe(false);
  });

  it('makes 1 to 1,000 entry codes, and signed links for 1 to 1,000 participants', () => {
    expect(createCodesBodySchema.parse({ count: 1000 })).toStrictEqual({ count: 1000 });
    for (const count of [0, 1001, 1.5]) {
      expect(createCodesBodySchema.safeParse({ count }).success, String(count)).toBe(false);
    }
    const ids = Array.from({ length: 1000 }, (_, i) => `p${i}`);
    expect(signedLinksBodySchema.parse({ participantIds: ids }).participantIds).toHaveLength(1000);
    for (const participantIds of [[], [...ids, 'p1000']]) {
      expect(signedLinksBodySchema.safeParse({ participantIds }).success).toBe(false);
    }
  });
});
