import type { AliceSpec } from '../../server/tasks/createTasks';

/** Who plays Alice live in a round's human tasks. */
export function liveAliceOf(_aliceVersion: string): AliceSpec {
  return { kind: 'astra', name: 'astra' };
}
