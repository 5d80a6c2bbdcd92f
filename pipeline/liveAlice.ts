import type { AliceSpec } from '../platform/tasks/createTasks';

/** Who plays Alice live in a round's human tasks: the round's own Alice checkpoint. */
export function liveAliceOf(aliceVersion: string): AliceSpec {
  return { kind: 'policy', name: aliceVersion };
}
