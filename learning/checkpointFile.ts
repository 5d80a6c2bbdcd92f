import fs from 'node:fs';
import path from 'node:path';
import type * as tfType from '@tensorflow/tfjs';
import { deserializePolicy, serializePolicy, type CheckpointMetadata } from './checkpoint';
import type { Policy } from './policyNetwork';

/** Writes a checkpoint file atomically (a crash never leaves a half-written checkpoint in place). */
export function savePolicyFile(
  file: string,
  policy: Policy,
  metadata: Omit<CheckpointMetadata, 'format' | 'config'>,
): void {
  writeCheckpointFile(file, serializePolicy(policy, metadata));
}

/** Writes checkpoint bytes atomically: another process reading the file sees all or nothing. */
export function writeCheckpointFile(file: string, bytes: Uint8Array): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const partial = `${file}.partial-${process.pid}`;
  fs.writeFileSync(partial, bytes);
  fs.renameSync(partial, file);
}

export function loadPolicyFile(
  tf: typeof tfType,
  file: string,
): { policy: Policy; metadata: CheckpointMetadata } {
  return deserializePolicy(tf, new Uint8Array(fs.readFileSync(file)));
}
