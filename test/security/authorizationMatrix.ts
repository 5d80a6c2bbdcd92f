import type { ClientEventName } from '../../shared/protocol/socketContract';
import type { ErrorCode } from '../../shared/protocol/errorCodes';
import type { Principal } from './principals';

/**
 * The authorization policy as a table: for every REST route the Express app registers (key
 * `METHOD /path`, Express-style) and every client event of the socket contract, what each
 * principal gets. `ok` is any 2xx / `{ ok: true }`; a number is the HTTP status; for sockets a
 * code is the ack's error code, and `refused:<code>` a refused connection.
 *
 * A route or event without an entry fails test/security/authorization.test.ts: add its row
 * here (and a request builder in authorization.test.ts when the route needs ids or a body).
 */
export type RestOutcome = 'ok' | number;
export type SocketOutcome = 'ok' | ErrorCode | `refused:${ErrorCode}`;

const everyone = (outcome: RestOutcome): Record<Principal, RestOutcome> => ({
  anonymous: outcome,
  worker: outcome,
  reviewer: outcome,
  researcher: outcome,
  admin: outcome,
  blocked: outcome,
});

/** Any signed-in, unblocked user. */
const signedIn: Record<Principal, RestOutcome> = {
  ...everyone('ok'),
  anonymous: 401,
  blocked: 401,
};

/** The given roles (admins always); other signed-in users 403, nobody 401. */
function only(
  ...allowed: ('worker' | 'reviewer' | 'researcher')[]
): Record<Principal, RestOutcome> {
  return {
    anonymous: 401,
    blocked: 401,
    worker: allowed.includes('worker') ? 'ok' : 403,
    reviewer: allowed.includes('reviewer') ? 'ok' : 403,
    researcher: allowed.includes('researcher') ? 'ok' : 403,
    admin: 'ok',
  };
}

export const restMatrix: Record<string, Record<Principal, RestOutcome>> = {
  'GET /api/health': everyone('ok'),
  'GET /api/docs': everyone('ok'),
  // Public by nature; the request signs in with a valid worker's credentials.
  'POST /api/auth/login': everyone('ok'),
  'POST /api/auth/logout': everyone('ok'),
  'GET /api/auth/me': signedIn,
  'POST /api/study/enter': everyone('ok'),
  'POST /api/auth/tokens': only('researcher'),
  'GET /api/auth/tokens': only('researcher'),
  'DELETE /api/auth/tokens/:tokenId': only('researcher'),
  'POST /api/rounds': only('researcher'),
  'GET /api/rounds': only('researcher'),
  'GET /api/rounds/:roundId': only('researcher'),
  'GET /api/rounds/:roundId/counts': only('researcher'),
  'GET /api/rounds/:roundId/novelty': only('researcher'),
  'POST /api/rounds/:roundId/launch': only('researcher'),
  'POST /api/rounds/:roundId/pause': only('researcher'),
  'POST /api/rounds/:roundId/resume': only('researcher'),
  'POST /api/rounds/:roundId/cancel': only('researcher'),
  'POST /api/rounds/:roundId/retry': only('researcher'),
  'POST /api/rounds/:roundId/promote': only('researcher'),
  'GET /api/checkpoints': only('researcher'),
  // Researchers' own studies (another's is a 404: test/studies/studies.test.ts); the secret's
  // uses — rotating it, signing links — are the owner's alone, so admins use their own study.
  'POST /api/studies': only('researcher'),
  'GET /api/studies': only('researcher'),
  'GET /api/studies/:studyId': only('researcher'),
  'PATCH /api/studies/:studyId': only('researcher'),
  'POST /api/studies/:studyId/open': only('researcher'),
  'POST /api/studies/:studyId/pause': only('researcher'),
  'POST /api/studies/:studyId/close': only('researcher'),
  'POST /api/studies/:studyId/secret': only('researcher'),
  'POST /api/studies/:studyId/codes': only('researcher'),
  'GET /api/studies/:studyId/codes': only('researcher'),
  'POST /api/studies/:studyId/links': only('researcher'),
  'GET /api/studies/:studyId/participants': only('researcher'),
  'GET /api/studies/:studyId/results': only('researcher'),
  'GET /api/studies/:studyId/dialogues': only('researcher'),
  'GET /api/datasets': only('researcher'),
  'GET /api/datasets/export': only('researcher'),
  'POST /api/datasets/import': only('researcher'),
  // Reviewers review and moderate crowd workers; admins may do everything.
  'GET /api/review/annotations': only('reviewer'),
  'GET /api/review/annotations/:annotationId': only('reviewer'),
  'POST /api/review/annotations/:annotationId/decision': only('reviewer'),
  'GET /api/review/workers': only('reviewer'),
  'GET /api/review/workers/:userId/stats': only('reviewer'),
  'POST /api/review/workers/:userId/block': only('reviewer'),
  'POST /api/review/workers/:userId/unblock': only('reviewer'),
  // Researchers read the quality of their own rounds (another's is a 404, crossTenant-style).
  'GET /api/review/rounds/:roundId/stats': only('reviewer', 'researcher'),
  // Each annotator reads their own annotations' reviews (test/quality/myAnnotations.test.ts).
  'GET /api/my/annotations': only('worker', 'reviewer', 'researcher'),
  'GET /api/audit': only(),
  'GET /api/admin/users': only(),
  'PUT /api/admin/users/:userId/roles': only(),
  'POST /api/admin/users/:userId/block': only(),
  'POST /api/admin/users/:userId/unblock': only(),
  'POST /api/admin/users': only(),
  'POST /api/admin/users/:userId/password-reset': only(),
  'POST /api/admin/users/:userId/unlock': only(),
  // Public: the secret link is the credential (each request gets a fresh one).
  'POST /api/password-links/lookup': everyone('ok'),
  'POST /api/password-links/redeem': everyone('ok'),
  'POST /api/gold-tasks': only('researcher'),
  'GET /api/gold-tasks': only('researcher'),
  'GET /api/metrics': only(),
};

const refusedAnonymous = {
  anonymous: 'refused:unauthorized',
  // A blocked user's session is refused with the reason, so the workspace can say it.
  blocked: 'refused:account_blocked',
} as const;

/** `/annotate`: each event acted on the principal's own claimed task. */
export const annotateMatrix: Record<ClientEventName, Record<Principal, SocketOutcome>> = {
  'task:claim': {
    ...refusedAnonymous,
    worker: 'ok',
    reviewer: 'ok',
    researcher: 'ok',
    admin: 'ok',
  },
  'task:resume': {
    ...refusedAnonymous,
    worker: 'ok',
    reviewer: 'ok',
    researcher: 'ok',
    admin: 'ok',
  },
  'task:heartbeat': {
    ...refusedAnonymous,
    worker: 'ok',
    reviewer: 'ok',
    researcher: 'ok',
    admin: 'ok',
  },
  'task:abandon': {
    ...refusedAnonymous,
    worker: 'ok',
    reviewer: 'ok',
    researcher: 'ok',
    admin: 'ok',
  },
  'dialogue:act': {
    ...refusedAnonymous,
    worker: 'ok',
    reviewer: 'ok',
    researcher: 'ok',
    admin: 'ok',
  },
  // Allowed, but the dialogue has not reached the selection yet: the rule's error, not a 403.
  'dialogue:select': {
    ...refusedAnonymous,
    worker: 'selection_not_open',
    reviewer: 'selection_not_open',
    researcher: 'selection_not_open',
    admin: 'selection_not_open',
  },
  'astra:suggest': {
    ...refusedAnonymous,
    worker: 'ok',
    reviewer: 'ok',
    researcher: 'ok',
    admin: 'ok',
  },
  // Allowed, but only an evaluation participant's own finished dialogue can be rated: an
  // ordinary task is none (the same answer as a missing one).
  'evaluation:rate': {
    ...refusedAnonymous,
    worker: 'not_found',
    reviewer: 'not_found',
    researcher: 'not_found',
    admin: 'not_found',
  },
};

/** `/rounds` has no client events (server → client only): the connection is the check. */
export const roundsConnectMatrix: Record<Principal, SocketOutcome> = {
  ...refusedAnonymous,
  worker: 'refused:forbidden',
  reviewer: 'refused:forbidden',
  researcher: 'ok',
  admin: 'ok',
};
