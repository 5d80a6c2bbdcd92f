import { studyRoutes } from '../../../shared/contracts/studyRoutes';
import type {
  CreateStudyBody,
  StudyAction,
  UpdateStudyBody,
} from '../../../shared/protocol/studies';
import { call, hrefOf } from '../api/call';

export const listStudies = () => call(studyRoutes.list, {}).then((r) => r.studies);
export const createStudy = (body: CreateStudyBody) =>
  call(studyRoutes.create, { body }).then((r) => r.study);
export const updateStudy = (studyId: string, body: UpdateStudyBody) =>
  call(studyRoutes.update, { params: { studyId }, body }).then((r) => r.study);
export const actOnStudy = (studyId: string, action: StudyAction) =>
  call(studyRoutes[action], { params: { studyId } }).then((r) => r.study);
export const rotateStudySecret = (studyId: string) =>
  call(studyRoutes.rotateSecret, { params: { studyId } }).then((r) => r.study);
export const addStudyCodes = (studyId: string, count: number) =>
  call(studyRoutes.createCodes, { params: { studyId }, body: { count } }).then((r) => r.codes);
export const signStudyLinks = (studyId: string, participantIds: string[]) =>
  call(studyRoutes.signedLinks, { params: { studyId }, body: { participantIds } }).then(
    (r) => r.links,
  );
export const codesCsvHref = (studyId: string) =>
  hrefOf(studyRoutes.exportCodes, { params: { studyId } });
export const participantsCsvHref = (studyId: string) =>
  hrefOf(studyRoutes.exportParticipants, { params: { studyId } });

/** The link to paste into Prolific: its placeholders are filled in per participant. */
export function prolificTemplate(origin: string, studyId: string): string {
  return `${origin}/study/${studyId}?PROLIFIC_PID={{%PROLIFIC_PID%}}&STUDY_ID={{%STUDY_ID%}}&SESSION_ID={{%SESSION_ID%}}`;
}

/** An MTurk ExternalQuestion URL: MTurk appends workerId, assignmentId, hitId, turkSubmitTo. */
export function mturkTemplate(origin: string, studyId: string): string {
  return `${origin}/study/${studyId}`;
}

/** Which actions a study's status allows (the server decides; this only hides dead buttons). */
export function studyActionsFor(status: string): StudyAction[] {
  switch (status) {
    case 'draft':
      return ['open', 'close'];
    case 'open':
      return ['pause', 'close'];
    case 'paused':
      return ['open', 'close'];
    default:
      return [];
  }
}

/** Parses the participant ids a researcher pasted (one a line, or separated by commas). */
export function parseParticipantIds(text: string): string[] {
  return [
    ...new Set(
      text
        .split(/[\s,;]+/)
        .map((s) => s.trim())
        .filter((s) => s !== ''),
    ),
  ];
}

/** A CSV of signed links (participant id, absolute URL) for a browser download. */
export function linksCsv(origin: string, links: { participantId: string; path: string }[]): string {
  return ['participant_id,entry_link', ...links.map((l) => `${l.participantId},${origin}${l.path}`)]
    .join('\r\n')
    .concat('\r\n');
}

export const evaluationResults = (studyId: string) =>
  call(studyRoutes.evaluationResults, { params: { studyId } }).then((r) => r.results);
export const evaluationExportHref = (studyId: string, format: 'jsonl' | 'csv') =>
  hrefOf(studyRoutes.exportEvaluation, { params: { studyId }, query: { format } });
