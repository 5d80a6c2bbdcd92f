import { actTypes, type ActType } from '../../../shared/dialogue/acts';
import { goldExpectationsSchema, type GoldExpectations } from '../../../shared/quality/gold';

/** The gold form's expectation fields as typed (empty = not checked). */
export interface ExpectationFields {
  /** '' (any outcome), 'deal' or 'no deal'. */
  outcome: '' | 'deal' | 'no deal';
  minBobScore: string;
  firstResponseTypes: ActType[];
}

export const noExpectations: ExpectationFields = {
  outcome: '',
  minBobScore: '',
  firstResponseTypes: [],
};

/** The expectations the fields state, or the messages that say what to change. */
export function expectationsOf(
  fields: ExpectationFields,
): { ok: true; expectations: GoldExpectations } | { ok: false; messages: string[] } {
  const score = fields.minBobScore.trim();
  const candidate = {
    agreement: fields.outcome === '' ? undefined : fields.outcome === 'deal',
    minBobScore: score === '' ? undefined : Number(score),
    firstResponseTypes:
      fields.firstResponseTypes.length === 0
        ? undefined
        : actTypes.filter((t) => fields.firstResponseTypes.includes(t)),
  };
  const parsed = goldExpectationsSchema.safeParse(candidate);
  if (parsed.success) {
    return { ok: true, expectations: parsed.data };
  }
  return {
    ok: false,
    messages: parsed.error.issues.map((issue) => {
      if (issue.path[0] === 'minBobScore') {
        // Limits from the shared schema, as the server checks them.
        if (issue.code === 'too_big') {
          return `Bob's least score must be at most ${Number(issue.maximum)}.`;
        }
        if (issue.code === 'too_small') {
          return `Bob's least score must be at least ${Number(issue.minimum)}.`;
        }
        return "Bob's least score must be a number.";
      }
      return issue.code === 'custom'
        ? "State at least one expectation: the outcome, Bob's least score, or the acceptable first answers."
        : issue.message;
    }),
  };
}

/** An expectation set in words ("a deal; Bob scores ≥ 6; first answer agree or propose"). */
export function describeExpectations(e: GoldExpectations): string {
  const parts: string[] = [];
  if (e.agreement !== undefined) {
    parts.push(e.agreement ? 'a deal' : 'no deal');
  }
  if (e.minBobScore !== undefined) {
    parts.push(`Bob scores at least ${e.minBobScore}`);
  }
  if (e.firstResponseTypes !== undefined) {
    parts.push(`first answer ${e.firstResponseTypes.join(' or ')}`);
  }
  return parts.join('; ');
}
