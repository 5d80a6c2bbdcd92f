import { describe, expect, it } from 'vitest';
import { entryFromQuery, prolificCompletionUrl, studyEnterBodySchema } from './studies';

const q = (params: Record<string, string>) => new URLSearchParams(params);
const sig = 'ab'.repeat(32);

describe('study links', () => {
  it("reads Prolific's parameters", () => {
    expect(
      entryFromQuery('st-1', q({ PROLIFIC_PID: 'p1', STUDY_ID: 's1', SESSION_ID: 'x1', sig })),
    ).toEqual({
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
    ).toEqual({
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
    expect(entryFromQuery('st-1', q({ assignmentId: 'ASSIGNMENT_ID_NOT_AVAILABLE' }))).toEqual({
      ok: false,
      reason: 'mturk_preview',
    });
  });

  it('asks for a code when the link has neither signature nor code', () => {
    const link = entryFromQuery('st-1', q({ PROLIFIC_PID: 'p1' }));
    expect(link).toMatchObject({ ok: false, reason: 'no_credential' });
    expect(entryFromQuery('st-1', q({}))).toEqual({ ok: false, reason: 'no_participant' });
  });

  it('names the participant of a bare code link after the code', () => {
    expect(entryFromQuery('st-1', q({ code: 'abcdefghjkmn' }))).toMatchObject({
      ok: true,
      body: { participantId: 'code-ABCDEFGHJKMN', code: 'abcdefghjkmn', platform: 'direct' },
    });
  });

  it('normalises codes and signatures, and rejects foreign MTurk submit hosts', () => {
    const parsed = studyEnterBodySchema.parse({
      studyId: 'st-1',
      participantId: 'p',
      code: ' abcdefghjkmn ',
      sig: sig.toUpperCase(),
      turkSubmitTo: 'https://workersandbox.mturk.com/',
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
