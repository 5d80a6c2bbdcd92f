import {
  createCodesBodySchema,
  createStudyBodySchema,
  signedLinksBodySchema,
  studyIdParamsSchema,
  updateStudyBodySchema,
  type StudyView,
} from '../protocol/studies';
import { evaluationExportQuerySchema, type EvaluationResultsView } from '../protocol/evaluation';
import { route } from './route';

/** Researchers' crowd studies (docs/studies.md): another researcher's study is a 404. */
export const studyRoutes = {
  create: route<{ study: StudyView }>()({
    method: 'post',
    path: '/api/studies',
    summary:
      'Create a crowd study (draft): `annotation` (rounds) or `evaluation` (checkpoints), quota, tasks per participant; the server makes its id and secret',
    tag: 'studies',
    access: 'manageStudies',
    body: createStudyBodySchema,
    success: { status: 201, description: '`{ study }` (with its secret: the caller owns it)' },
  }),
  list: route<{ studies: StudyView[] }>()({
    method: 'get',
    path: '/api/studies',
    summary: "The caller's studies (every study for admins; only an owner gets a secret)",
    tag: 'studies',
    access: 'manageStudies',
    success: { status: 200, description: '`{ studies }`' },
  }),
  get: route<{ study: StudyView }>()({
    method: 'get',
    path: '/api/studies/:studyId',
    summary: 'One study (another researcher’s study is a 404)',
    tag: 'studies',
    access: 'manageStudies',
    params: studyIdParamsSchema,
    success: { status: 200, description: '`{ study }`' },
  }),
  update: route<{ study: StudyView }>()({
    method: 'patch',
    path: '/api/studies/:studyId',
    summary:
      'Edit a study: name, quota (not below the participants already in), tasks per participant, completion code, rounds or checkpoints; a closed study is a 409',
    tag: 'studies',
    access: 'manageStudies',
    params: studyIdParamsSchema,
    body: updateStudyBodySchema,
    success: { status: 200, description: '`{ study }`' },
  }),
  open: route<{ study: StudyView }>()({
    method: 'post',
    path: '/api/studies/:studyId/open',
    summary: 'Open a draft or paused study to entries',
    tag: 'studies',
    access: 'manageStudies',
    params: studyIdParamsSchema,
    success: { status: 200, description: '`{ study }`' },
  }),
  pause: route<{ study: StudyView }>()({
    method: 'post',
    path: '/api/studies/:studyId/pause',
    summary: 'Pause an open study: entries are refused until it is opened again',
    tag: 'studies',
    access: 'manageStudies',
    params: studyIdParamsSchema,
    success: { status: 200, description: '`{ study }`' },
  }),
  close: route<{ study: StudyView }>()({
    method: 'post',
    path: '/api/studies/:studyId/close',
    summary: 'Close a study for good',
    tag: 'studies',
    access: 'manageStudies',
    params: studyIdParamsSchema,
    success: { status: 200, description: '`{ study }`' },
  }),
  rotateSecret: route<{ study: StudyView }>()({
    method: 'post',
    path: '/api/studies/:studyId/secret',
    summary: 'Make a new secret: signed links made with the old one stop working (the owner only)',
    tag: 'studies',
    access: 'manageStudies',
    params: studyIdParamsSchema,
    success: { status: 200, description: '`{ study }` with the new secret' },
  }),
  createCodes: route<{ codes: string[] }>()({
    method: 'post',
    path: '/api/studies/:studyId/codes',
    summary: 'Make `count` more one-time entry codes (each admits one participant, once)',
    tag: 'studies',
    access: 'manageStudies',
    params: studyIdParamsSchema,
    body: createCodesBodySchema,
    success: { status: 201, description: '`{ codes }`: the new ones' },
  }),
  /** CSV, not JSON: the client links to it (`hrefOf`). */
  exportCodes: route<string>()({
    method: 'get',
    path: '/api/studies/:studyId/codes',
    summary: "The study's one-time codes as CSV: code, entry link, used by, used at",
    tag: 'studies',
    access: 'manageStudies',
    params: studyIdParamsSchema,
    success: { status: 200, description: 'CSV with a header line', type: 'text/csv' },
  }),
  signedLinks: route<{ links: { participantId: string; path: string }[] }>()({
    method: 'post',
    path: '/api/studies/:studyId/links',
    summary:
      'Signed entry links (HMAC of each participant id with the study secret) for known participants (the owner only)',
    tag: 'studies',
    access: 'manageStudies',
    params: studyIdParamsSchema,
    body: signedLinksBodySchema,
    success: { status: 200, description: '`{ links }`: paths under this server' },
  }),
  /** CSV, not JSON: the client links to it (`hrefOf`). */
  exportParticipants: route<string>()({
    method: 'get',
    path: '/api/studies/:studyId/participants',
    summary:
      "Participants' status for payment as CSV: completed, in_progress, returned or timed_out, tasks and time on task",
    tag: 'studies',
    access: 'manageStudies',
    params: studyIdParamsSchema,
    success: { status: 200, description: 'CSV with a header line', type: 'text/csv' },
  }),
  evaluationResults: route<{ results: EvaluationResultsView }>()({
    method: 'get',
    path: '/api/studies/:studyId/results',
    summary:
      "An evaluation study's results per agent: advantage, agreement, Pareto rate, scores and the mean rating per question, each with its 95 % CI and n",
    tag: 'studies',
    access: 'manageStudies',
    params: studyIdParamsSchema,
    success: { status: 200, description: '`{ results }` (no agents for an annotation study)' },
  }),
  /** JSONL or CSV, not JSON: the client links to it (`hrefOf`). */
  exportEvaluation: route<string>()({
    method: 'get',
    path: '/api/studies/:studyId/dialogues',
    summary:
      "An evaluation study's finished dialogues with their outcomes and questionnaire answers, as JSONL (default) or CSV (`format=csv`)",
    tag: 'studies',
    access: 'manageStudies',
    params: studyIdParamsSchema,
    query: evaluationExportQuerySchema,
    success: {
      status: 200,
      description: 'JSONL, one dialogue a line; or CSV with a header line',
      type: 'application/x-ndjson',
    },
  }),
};
