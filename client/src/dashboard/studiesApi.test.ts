import { describe, expect, it } from 'vitest';
import { linksCsv, parseParticipantIds, prolificTemplate, studyActionsFor } from './studiesApi';

describe('studies page helpers', () => {
  it("writes Prolific's placeholders into the study URL", () => {
    expect(prolificTemplate('https://parley.example', 'st-1')).toBe(
      'https://parley.example/study/st-1?PROLIFIC_PID={{%PROLIFIC_PID%}}&STUDY_ID={{%STUDY_ID%}}&SESSION_ID={{%SESSION_ID%}}',
    );
  });

  it('reads pasted participant ids once each', () => {
    expect(parseParticipantIds('a1\nb2, c3;a1\n\n')).toEqual(['a1', 'b2', 'c3']);
  });

  it('offers only the actions a status allows', () => {
    expect(['draft', 'open', 'paused', 'closed'].map(studyActionsFor)).toEqual([
      ['open', 'close'],
      ['pause', 'close'],
      ['open', 'close'],
      [],
    ]);
  });

  it('makes a CSV of absolute signed links', () => {
    expect(linksCsv('https://p.example', [{ participantId: 'a', path: '/study/s?x=1' }])).toBe(
      'participant_id,entry_link\r\na,https://p.example/study/s?x=1\r\n',
    );
  });
});
