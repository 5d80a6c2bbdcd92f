import type { z } from 'zod';
import {
  createTokenBodySchema,
  loginBodySchema,
  studyEnterBodySchema,
  tokenIdParamsSchema,
} from '../../shared/protocol/auth';
import { checkpointListQuerySchema } from '../../shared/protocol/checkpoints';
import { exportQuerySchema, importQuerySchema } from '../../shared/protocol/datasets';
import {
  annotationIdParamsSchema,
  auditQuerySchema,
  blockBodySchema,
  createGoldTaskBodySchema,
  myAnnotationsQuerySchema,
  reviewDecisionBodySchema,
  reviewQueueQuerySchema,
  userIdParamsSchema,
  workerListQuerySchema,
} from '../../shared/protocol/review';
import type { Permission } from '../../shared/protocol/roles';
import {
  createRoundBodySchema,
  roundActions,
  roundIdParamsSchema,
} from '../../shared/protocol/rounds';
import {
  inviteUserBodySchema,
  passwordLinkLookupBodySchema,
  passwordLinkRedeemBodySchema,
  setRolesBodySchema,
  userListQuerySchema,
} from '../../shared/protocol/users';

/** Who may call a route: anyone, any signed-in user, or the holders of a permission. */
export type RouteAccess = 'public' | 'signedIn' | Permission;

export interface RouteDoc {
  method: 'get' | 'post' | 'put' | 'patch' | 'delete';
  /** Express-style path under the server root (`/api/rounds/:roundId`). */
  path: string;
  summary: string;
  tag: string;
  access: RouteAccess;
  params?: z.ZodType;
  query?: z.ZodType;
  body?: z.ZodType;
  /** The body's media type when it is not JSON (e.g. JSONL imports). */
  bodyType?: string;
  /** The success status and its media type. */
  success: { status: number; description: string; type?: string };
}

/**
 * Every REST route, as the OpenAPI document (`GET /api/docs`) describes it. Schemas are the
 * shared zod schemas the routes validate with, so the document cannot drift from validation;
 * test/security/openApi.test.ts fails when the Express app registers a route missing here.
 */
export const routeTable: readonly RouteDoc[] = [
  {
    method: 'get',
    path: '/api/health',
    summary: 'Liveness and database health',
    tag: 'operations',
    access: 'public',
    success: { status: 200, description: 'Healthy (503 when the database is down)' },
  },
  {
    method: 'get',
    path: '/api/docs',
    summary: 'This OpenAPI 3.1 description of the REST API',
    tag: 'operations',
    access: 'public',
    success: { status: 200, description: 'The OpenAPI document' },
  },
  {
    method: 'post',
    path: '/api/auth/login',
    summary: 'Sign in with a username and password (rate limited; locks after repeated failures)',
    tag: 'auth',
    access: 'public',
    body: loginBodySchema,
    success: { status: 200, description: 'Signed in: `{ user }` and a session cookie' },
  },
  {
    method: 'post',
    path: '/api/auth/logout',
    summary: 'Sign out',
    tag: 'auth',
    access: 'public',
    success: { status: 204, description: 'Signed out' },
  },
  {
    method: 'get',
    path: '/api/auth/me',
    summary: 'The signed-in user',
    tag: 'auth',
    access: 'signedIn',
    success: { status: 200, description: '`{ user }`' },
  },
  {
    method: 'post',
    path: '/api/auth/tokens',
    summary: 'Create an expiring API token (from a session only; the secret is answered once)',
    tag: 'auth',
    access: 'manageApiTokens',
    body: createTokenBodySchema,
    success: { status: 201, description: '`{ token }`' },
  },
  {
    method: 'get',
    path: '/api/auth/tokens',
    summary: "The caller's API tokens",
    tag: 'auth',
    access: 'manageApiTokens',
    success: { status: 200, description: '`{ tokens }`' },
  },
  {
    method: 'delete',
    path: '/api/auth/tokens/:tokenId',
    summary: 'Revoke an API token',
    tag: 'auth',
    access: 'manageApiTokens',
    params: tokenIdParamsSchema,
    success: { status: 204, description: 'Revoked' },
  },
  {
    method: 'post',
    path: '/api/study/enter',
    summary: 'Crowd entry from a study link: creates or signs in a worker (rate limited)',
    tag: 'auth',
    access: 'public',
    body: studyEnterBodySchema,
    success: { status: 200, description: '`{ user }` and a session cookie' },
  },
  {
    method: 'post',
    path: '/api/rounds',
    summary: 'Create an acquisition round (draft)',
    tag: 'rounds',
    access: 'manageRounds',
    body: createRoundBodySchema,
    success: { status: 201, description: '`{ round }`' },
  },
  {
    method: 'get',
    path: '/api/rounds',
    summary: "The caller's rounds (every round for admins)",
    tag: 'rounds',
    access: 'manageRounds',
    success: { status: 200, description: '`{ rounds }`' },
  },
  {
    method: 'get',
    path: '/api/rounds/:roundId',
    summary: 'One round (another researcher’s round is a 404)',
    tag: 'rounds',
    access: 'manageRounds',
    params: roundIdParamsSchema,
    success: { status: 200, description: '`{ round }`' },
  },
  {
    method: 'get',
    path: '/api/rounds/:roundId/counts',
    summary: 'Task and annotation counts of a round (RoundCounts)',
    tag: 'rounds',
    access: 'manageRounds',
    params: roundIdParamsSchema,
    success: { status: 200, description: '`{ counts }`' },
  },
  {
    method: 'get',
    path: '/api/rounds/:roundId/novelty',
    summary: "The round's 50 most novel self-play dialogues (NoveltyEntry[]), after ranking",
    tag: 'rounds',
    access: 'manageRounds',
    params: roundIdParamsSchema,
    success: { status: 200, description: '`{ dialogues }`' },
  },
  {
    method: 'get',
    path: '/api/checkpoints',
    summary:
      'Checkpoints of a domain and role a round may start from (current, bootstraps, own rounds’)',
    tag: 'rounds',
    access: 'manageRounds',
    query: checkpointListQuerySchema,
    success: { status: 200, description: '`{ checkpoints }` (CheckpointOption[])' },
  },
  ...roundActions.map((action): RouteDoc => ({
    method: 'post',
    path: `/api/rounds/:roundId/${action}`,
    summary: `${action[0]?.toUpperCase() ?? ''}${action.slice(1)} a round`,
    tag: 'rounds',
    access: 'manageRounds',
    params: roundIdParamsSchema,
    success: { status: 200, description: '`{ round }`' },
  })),
  {
    method: 'get',
    path: '/api/datasets',
    summary:
      "The caller's datasets (import labels and one per source; admins: all) with corpus stats, all and D_L",
    tag: 'datasets',
    access: 'manageDatasets',
    success: { status: 200, description: '`{ datasets }`' },
  },
  {
    method: 'get',
    path: '/api/datasets/export',
    summary:
      "Stream the caller's dialogue records (own rounds and datasets; admins: all) as JSONL, filtered (a bad or contradictory filter is a 400); annotations carry `provenance.review`",
    tag: 'datasets',
    access: 'manageDatasets',
    query: exportQuerySchema,
    success: {
      status: 200,
      description: 'One dialogue record per line',
      type: 'application/x-ndjson',
    },
  },
  {
    method: 'post',
    path: '/api/datasets/import',
    summary:
      "Import JSONL dialogue records under a dataset label: a new label becomes the caller's, another user's is a 403; JSON is a 415 (idempotent by record id)",
    tag: 'datasets',
    access: 'manageDatasets',
    query: importQuerySchema,
    bodyType: 'application/x-ndjson',
    success: { status: 200, description: '`{ report }` with per-line errors' },
  },
  {
    method: 'get',
    path: '/api/review/annotations',
    summary: 'The review queue: completed annotations, oldest first, filtered and paged',
    tag: 'review',
    access: 'review',
    query: reviewQueueQuerySchema,
    success: { status: 200, description: 'A page of annotation summaries' },
  },
  {
    method: 'get',
    path: '/api/review/annotations/:annotationId',
    summary: 'One annotation replayed with both sides’ utilities, scores and the Pareto frontier',
    tag: 'review',
    access: 'review',
    params: annotationIdParamsSchema,
    success: { status: 200, description: '`{ annotation }`' },
  },
  {
    method: 'post',
    path: '/api/review/annotations/:annotationId/decision',
    summary: 'Accept, soft-reject or reject an annotation (compare-and-set on the status seen)',
    tag: 'review',
    access: 'review',
    params: annotationIdParamsSchema,
    body: reviewDecisionBodySchema,
    success: { status: 200, description: '`{ review }` (409 when decided meanwhile)' },
  },
  {
    method: 'get',
    path: '/api/review/workers',
    summary: 'Crowd workers with their quality stats, paged',
    tag: 'review',
    access: 'review',
    query: workerListQuerySchema,
    success: { status: 200, description: 'A page of worker stats' },
  },
  {
    method: 'get',
    path: '/api/review/workers/:userId/stats',
    summary: 'One worker’s throughput, gold accuracy, agreement, flags and reliability',
    tag: 'review',
    access: 'review',
    params: userIdParamsSchema,
    success: { status: 200, description: '`{ stats }`' },
  },
  ...(['block', 'unblock'] as const).map((action): RouteDoc => ({
    method: 'post',
    path: `/api/review/workers/:userId/${action}`,
    summary: `${action === 'block' ? 'Block' : 'Unblock'} a crowd worker (audited)`,
    tag: 'review',
    access: 'review',
    params: userIdParamsSchema,
    body: blockBodySchema,
    success: { status: 200, description: '`{ user }`' },
  })),
  {
    method: 'get',
    path: '/api/review/rounds/:roundId/stats',
    summary: 'A round’s quality numbers (researchers: their own rounds)',
    tag: 'review',
    access: 'readRoundQuality',
    params: roundIdParamsSchema,
    success: { status: 200, description: '`{ stats }`' },
  },
  {
    method: 'get',
    path: '/api/my/annotations',
    summary: 'The signed-in annotator’s own annotations with review status, reason and bonus',
    tag: 'review',
    access: 'annotate',
    query: myAnnotationsQuerySchema,
    success: { status: 200, description: 'A page of the caller’s annotations, newest first' },
  },
  {
    method: 'get',
    path: '/api/audit',
    summary: 'The audit log, newest first',
    tag: 'review',
    access: 'readAuditLog',
    query: auditQuerySchema,
    success: { status: 200, description: 'A page of audit entries' },
  },
  {
    method: 'get',
    path: '/api/admin/users',
    summary: 'Accounts, filtered by role, blocked or username, paged',
    tag: 'users',
    access: 'manageUsers',
    query: userListQuerySchema,
    success: { status: 200, description: 'A page of users' },
  },
  {
    method: 'post',
    path: '/api/admin/users',
    summary: 'Create an account and invite it: a one-time link to set its own password (audited)',
    tag: 'users',
    access: 'manageUsers',
    body: inviteUserBodySchema,
    success: { status: 201, description: '`{ user, link }` (the link is shown only now)' },
  },
  {
    method: 'post',
    path: '/api/admin/users/:userId/password-reset',
    summary: 'A one-time link for the user to choose a new password (audited)',
    tag: 'users',
    access: 'manageUsers',
    params: userIdParamsSchema,
    body: blockBodySchema,
    success: { status: 200, description: '`{ user, link }` (the link is shown only now)' },
  },
  {
    method: 'post',
    path: '/api/admin/users/:userId/unlock',
    summary: 'Lift the sign-in lock that failed attempts put on an account (audited)',
    tag: 'users',
    access: 'manageUsers',
    params: userIdParamsSchema,
    body: blockBodySchema,
    success: { status: 200, description: '`{ user }`' },
  },
  {
    method: 'post',
    path: '/api/password-links/lookup',
    summary: 'Whose invitation or reset link this is (the token in the body, never in a URL)',
    tag: 'auth',
    access: 'public',
    body: passwordLinkLookupBodySchema,
    success: { status: 200, description: '`{ link: { username, purpose, expiresAt } }`' },
  },
  {
    method: 'post',
    path: '/api/password-links/redeem',
    summary: 'Set the password with a one-time link (uses it up; ends the user’s sessions)',
    tag: 'auth',
    access: 'public',
    body: passwordLinkRedeemBodySchema,
    success: { status: 200, description: '`{ username }`; sign in with the new password' },
  },
  {
    method: 'put',
    path: '/api/admin/users/:userId/roles',
    summary: 'Replace a user’s roles (audited)',
    tag: 'users',
    access: 'manageUsers',
    params: userIdParamsSchema,
    body: setRolesBodySchema,
    success: { status: 200, description: '`{ user }`' },
  },
  ...(['block', 'unblock'] as const).map((action): RouteDoc => ({
    method: 'post',
    path: `/api/admin/users/:userId/${action}`,
    summary: `${action === 'block' ? 'Block' : 'Unblock'} any account (audited)`,
    tag: 'users',
    access: 'manageUsers',
    params: userIdParamsSchema,
    body: blockBodySchema,
    success: { status: 200, description: '`{ user }`' },
  })),
  {
    method: 'post',
    path: '/api/gold-tasks',
    summary: 'Create a gold task cut from a dialogue record, with its expectations (audited)',
    tag: 'quality',
    access: 'manageGoldTasks',
    body: createGoldTaskBodySchema,
    success: { status: 201, description: '`{ goldTask }`' },
  },
  {
    method: 'get',
    path: '/api/gold-tasks',
    summary: 'Gold tasks with their expectations (researchers: those they created)',
    tag: 'quality',
    access: 'manageGoldTasks',
    success: { status: 200, description: '`{ goldTasks }`' },
  },
  {
    method: 'get',
    path: '/api/metrics',
    summary: 'Prometheus metrics (a scraper uses an admin’s API token)',
    tag: 'operations',
    access: 'viewMetrics',
    success: {
      status: 200,
      description: 'Prometheus text exposition format',
      type: 'text/plain',
    },
  },
];
