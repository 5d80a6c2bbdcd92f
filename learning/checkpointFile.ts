import fs from 'node:fs';
import type * as tfType from '@tensorflow/tfjs';
import { writeFileAtomic } from './atomicFile';
import { deserializePolicy, serializePolicy, type CheckpointMetadata } from './checkpoint';
import type { Policy } from './policyNetwork';

/** Writes a checkpoint file atomically (a crash never leaves a half-written checkpoint in place). */
export function savePolicyFile(
  file: string,
  policy: Policy,
  metadata: Omit<CheckpointMetadata, 'format' | 'config'>,
): void {
  writeFileAtomic(file, serializePolicy(policy, metadata));
}

export function loadPolicyFile(
  tf: typeof tfType,
  file: string,
): { policy: Policy; metadata: CheckpointMetadata } {
  return deserializePolicy(tf, new Uint8Array(fs.readFileSync(file)));
}
