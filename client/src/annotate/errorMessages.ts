import type { ErrorBody, ErrorCode } from '../../../shared/protocol/errorCodes';

/** What a worker is told for each server error code; the server's own message adds detail. */
const messages: Partial<Record<ErrorCode, string>> = {
  invalid_allocation: 'That split does not fit the items on the table.',
  not_your_turn: "It is Alice's turn; wait for her reply.",
  nothing_to_answer: 'There is no offer from Alice to answer.',
  insist_without_proposal: 'You can only insist on your own latest offer. Propose it first.',
  dialogue_over: 'The dialogue is over; make your final selection.',
  selection_not_open: 'The final selection opens when the dialogue has ended.',
  already_selected: 'You have already made your selection.',
  unsupported_act: 'That move is not possible in this game.',
  malformed_act: 'That move could not be understood.',
  lease_expired: 'Your time on this task ran out, so it went back to the queue.',
  seq_reused: 'That move was already sent differently; the page has been refreshed.',
  unauthorized: 'You are signed out. Sign in again to continue.',
  forbidden: 'Your account may not annotate tasks.',
  account_blocked: 'This account is blocked. Contact the study team.',
  rate_limited: 'Too many requests; slow down a little.',
  database_unavailable: 'The server is having trouble saving; try again in a moment.',
  validation_failed: 'The server refused the request as malformed.',
};

export function workerMessage(error: ErrorBody | { code: 'timeout'; message: string }): string {
  if (error.code === 'timeout') {
    return 'The server did not answer in time. Check your connection; your move may be retried.';
  }
  return messages[error.code] ?? error.message;
}

export interface ClosedSession {
  title: string;
  message: string;
}

const closedTitles: Partial<Record<ErrorCode, string>> = {
  account_blocked: 'Your account is blocked',
  unauthorized: 'You are signed out',
  forbidden: 'This account may not annotate',
};

/**
 * What to show for good when the server refuses the connection (connect_error `data`): a blocked
 * account, a lost session or lost permission is final, unlike a network problem; null for
 * anything else (then Socket.IO keeps reconnecting).
 */
export function closedSession(refusal: unknown): ClosedSession | null {
  const code = (refusal as { code?: unknown } | null | undefined)?.code;
  if (typeof code !== 'string' || !(code in closedTitles)) {
    return null;
  }
  const known = code as ErrorCode;
  const after =
    known === 'account_blocked'
      ? ' Any task you had open was given back to the queue.'
      : known === 'unauthorized'
        ? ' Reload the page to sign in; an open task resumes if its time has not run out.'
        : '';
  return {
    title: closedTitles[known] ?? '',
    message: `${messages[known] ?? ''}${after}`,
  };
}
