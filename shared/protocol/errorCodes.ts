import type { ActErrorCode } from '../dialogue/actRules';

/**
 * Every error code a client can receive, over REST (`{ error: { code, message } }`) and in
 * socket acks (`{ ok: false, error: { code, message } }`). Codes are stable; messages are for
 * people and may change. docs/protocol.md explains each one.
 */
export const errorCodes = [
  // Requests
  'bad_request',
  'validation_failed',
  'payload_too_large',
  'unsupported_media_type',
  'not_found',
  'conflict',
  'rate_limited',
  // Identity and permissions
  'unauthorized',
  'invalid_credentials',
  'account_blocked',
  'account_locked',
  'forbidden',
  'csrf_rejected',
  'study_closed',
  'entry_unverified',
  'entry_replayed',
  'study_full',
  // Evaluation studies
  'questionnaire_pending',
  // Task leases
  'lease_expired',
  'seq_reused',
  // The dialogue rules (shared/dialogue/actRules.ts)
  'dialogue_over',
  'not_your_turn',
  'malformed_act',
  'unsupported_act',
  'invalid_allocation',
  'nothing_to_answer',
  'insist_without_proposal',
  'selection_not_open',
  'already_selected',
  // The server
  'database_unavailable',
  'internal',
] as const satisfies readonly string[];

export type ErrorCode = (typeof errorCodes)[number];

// The dialogue rules' codes travel unchanged: a compile error here means a rule code is missing.
const ruleCodes: Record<ActErrorCode, ErrorCode> = {
  dialogue_over: 'dialogue_over',
  not_your_turn: 'not_your_turn',
  malformed_act: 'malformed_act',
  unsupported_act: 'unsupported_act',
  invalid_allocation: 'invalid_allocation',
  nothing_to_answer: 'nothing_to_answer',
  insist_without_proposal: 'insist_without_proposal',
  selection_not_open: 'selection_not_open',
  already_selected: 'already_selected',
};

export function errorCodeOfRule(code: ActErrorCode): ErrorCode {
  return ruleCodes[code];
}

export interface ErrorBody {
  code: ErrorCode;
  message: string;
  /** Extra facts for programs, e.g. which fields failed validation. */
  details?: unknown;
}
