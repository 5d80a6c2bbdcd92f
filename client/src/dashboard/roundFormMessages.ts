import type { z } from 'zod';

/**
 * Body paths the create-round form shows as percentages (it sends them as fractions 0–1), so
 * the limits in its messages are scaled the same way.
 */
export const percentPaths: ReadonlySet<string> = new Set([
  'oracleMix.human',
  'oracleMix.simulatedExpert',
  'oracleMix.astra',
  'goldRate',
]);

/** The form field a schema path is shown in (the oracle shares each have their own input). */
export function fieldOfPath(path: readonly PropertyKey[]): string {
  const key = path.map(String).join('.');
  switch (key) {
    case '':
      return 'form';
    case 'oracleMix.human':
      return 'human';
    case 'oracleMix.simulatedExpert':
      return 'simulatedExpert';
    case 'oracleMix.astra':
      return 'astra';
    case 'checkpoints.alice':
      return 'aliceCheckpoint';
    case 'checkpoints.bob':
      return 'bobCheckpoint';
    default:
      return key.split('.')[0] as string;
  }
}

const limit = (value: number | bigint, percent: boolean) =>
  percent ? `${Number((Number(value) * 100).toFixed(6))} %` : Number(value).toLocaleString('en-US');

/**
 * A schema issue in the words and unit of the form: limits come from the issue (so from the
 * shared schema the server applies too), scaled to percent where the form shows percent.
 */
export function plainMessage(issue: z.core.$ZodIssue): string {
  const key = issue.path.map(String).join('.');
  const percent = percentPaths.has(key);
  switch (issue.code) {
    case 'invalid_type':
      if (issue.expected === 'int') {
        return 'Must be a whole number.';
      }
      return issue.expected === 'number' ? 'Enter a number.' : 'Fill this in.';
    case 'too_big':
      if (issue.origin === 'string') {
        return `At most ${limit(issue.maximum, false)} characters.`;
      }
      return `Must be ${issue.inclusive === false ? 'less than' : 'at most'} ${limit(issue.maximum, percent)}.`;
    case 'too_small':
      if (issue.origin === 'string') {
        return key === 'name' ? 'Give the round a name.' : 'Fill this in.';
      }
      return `Must be ${issue.inclusive === false ? 'more than' : 'at least'} ${limit(issue.minimum, percent)}.`;
    case 'custom':
      // Cross-field rules: the mix rule speaks of fractions, which the form shows as percent.
      return issue.message.replace('must add up to 1', 'must add up to 100 %');
    case 'invalid_value':
      return 'Choose one of the listed options.';
    case 'invalid_element':
    case 'invalid_format':
    case 'invalid_key':
    case 'invalid_union':
    case 'not_multiple_of':
    case 'unrecognized_keys':
      // The form cannot produce these (no such fields); the schema's words are all there is.
      return issue.message;
  }
}
