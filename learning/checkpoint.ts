import type * as tfType from '@tensorflow/tfjs';
import type { PolicyConfig } from './policyConfig';
import type { Policy } from './policyNetwork';
import { policyShapes, variableFrom, weightNames, type WeightName } from './policyWeights';

export const checkpointFormat = 'parley-policy/1';
const magic = [0x50, 0x52, 0x4c, 0x59]; // "PRLY"

/** What a checkpoint says about itself, beside the weights. */
export interface CheckpointMetadata {
  format: typeof checkpointFormat;
  config: PolicyConfig;
  createdAt: string;
  /** What produced it, e.g. "sl", "rl", "tda-epoch-3". */
  role?: string;
  /** Seed of the training run. */
  seed?: number;
  /** sha256 of the training data, when it came from data. */
  dataHash?: string;
  metrics?: Record<string, number>;
}

interface TensorEntry {
  name: WeightName;
  shape: number[];
  offset: number;
  length: number;
}

/**
 * Checkpoint bytes: "PRLY", a little-endian u32 header length, a JSON header (metadata and the
 * tensor table), then the float32 weights. The same bytes go to a file or to GridFS.
 */
export function serializePolicy(
  policy: Policy,
  metadata: Omit<CheckpointMetadata, 'format' | 'config'>,
): Uint8Array {
  const tensors: TensorEntry[] = [];
  const chunks: Float32Array[] = [];
  let offset = 0;
  for (const name of weightNames) {
    const values = policy.weights[name].dataSync() as Float32Array;
    tensors.push({ name, shape: policy.weights[name].shape, offset, length: values.length });
    chunks.push(values);
    offset += values.length;
  }
  const json = JSON.stringify({
    metadata: { ...metadata, format: checkpointFormat, config: policy.config },
    tensors,
  });
  // Padded with spaces (JSON whitespace) so that the float32 data starts 4-byte aligned.
  const padding = (4 - (new TextEncoder().encode(json).length % 4)) % 4;
  const header = new TextEncoder().encode(json + ' '.repeat(padding));
  const bytes = new Uint8Array(8 + header.length + offset * 4);
  bytes.set(magic, 0);
  new DataView(bytes.buffer).setUint32(4, header.length, true);
  bytes.set(header, 8);
  const weights = new Float32Array(bytes.buffer, 8 + header.length, offset);
  let at = 0;
  for (const chunk of chunks) {
    weights.set(chunk, at);
    at += chunk.length;
  }
  return bytes;
}

export class CheckpointFormatError extends Error {
  override name = 'CheckpointFormatError';
}

export function deserializePolicy(
  tf: typeof tfType,
  bytes: Uint8Array,
): { policy: Policy; metadata: CheckpointMetadata } {
  if (bytes.length < 8 || magic.some((b, i) => bytes[i] !== b)) {
    throw new CheckpointFormatError('not a Parley policy checkpoint');
  }
  const headerLength = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).getUint32(
    4,
    true,
  );
  const header = JSON.parse(new TextDecoder().decode(bytes.subarray(8, 8 + headerLength))) as {
    metadata: CheckpointMetadata;
    tensors: TensorEntry[];
  };
  if (header.metadata.format !== checkpointFormat) {
    throw new CheckpointFormatError(
      `unsupported checkpoint format ${String(header.metadata.format)}`,
    );
  }
  const config = header.metadata.config;
  const shapes = policyShapes(config);
  const { vocabularySize } = shapes;
  const trainedOn = header.tensors.find((t) => t.name === 'actB')?.shape[0];
  if (trainedOn !== undefined && trainedOn !== vocabularySize) {
    throw new CheckpointFormatError(
      `the checkpoint's policy says ${trainedOn} acts and this version's ${config.domainId} vocabulary has ${vocabularySize}; train it again`,
    );
  }
  const dataStart = 8 + headerLength;
  // Copy: the weights must not alias a buffer the caller may reuse.
  const data = new Float32Array(bytes.slice(dataStart).buffer);
  const weights = {} as Record<WeightName, tfType.Variable>;
  for (const name of weightNames) {
    const entry = header.tensors.find((t) => t.name === name);
    if (entry === undefined || entry.offset + entry.length > data.length) {
      throw new CheckpointFormatError(`checkpoint lacks the ${name} weights or is truncated`);
    }
    weights[name] = variableFrom(
      tf,
      tf.tensor(data.subarray(entry.offset, entry.offset + entry.length), entry.shape),
      true,
    );
  }
  return {
    policy: { tf, config, shapes, weights: weights },
    metadata: header.metadata,
  };
}
