import { astraStateSchema, describeIssues } from '../../shared/astra/schema';
import { suggest } from '../../shared/astra/suggest';

/** One input line's output object: the suggestion, or `{ error }` naming the line. */
export function suggestLine(line: string, lineNumber: number): object {
  let input: unknown;
  try {
    input = JSON.parse(line);
  } catch (error) {
    return { error: `line ${lineNumber}: invalid JSON (${(error as Error).message})` };
  }
  const parsed = astraStateSchema.safeParse(input);
  if (!parsed.success) {
    return { error: `line ${lineNumber}: ${describeIssues(parsed.error)}` };
  }
  try {
    return suggest(parsed.data);
  } catch (error) {
    return { error: `line ${lineNumber}: ${(error as Error).message}` };
  }
}
