import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type * as tfType from '@tensorflow/tfjs';
import { savedModelTag, type GraphBuilder } from './graphBuilder';

type Tensor = tfType.Tensor;

/** A traced graph loaded into the native engine: feed its inputs, get the named outputs. */
export interface GraphSession {
  run(inputs: readonly Tensor[]): Tensor[];
}

/** The parts of tfjs-node's backend that load and run a SavedModel's graph, synchronously. */
interface NativeGraphBackend {
  loadSavedModelMetaGraph(directory: string, tags: string): number;
  runSavedModel(
    id: number,
    inputs: Tensor[],
    inputInfos: { name: string; tfDtype: string }[],
    outputNames: string[],
  ): Tensor[];
}

/**
 * Whether graphs can run: only the native engine (`tensorflow`) runs them; WASM and CPU run the
 * same arithmetic op by op.
 */
export function graphsRunHere(tf: typeof tfType): boolean {
  return tf.getBackend() === 'tensorflow';
}

/**
 * Loads `graph` into the native engine, to compute `outputs`. One call then runs the whole graph
 * inside TensorFlow: a few microseconds per node instead of the ~30 µs that every eager kernel
 * call costs from JavaScript, which is what bounds this small model's training
 * (docs/native-engine.md). The SavedModel is written to a temporary directory only for the load.
 */
export function loadGraph(
  tf: typeof tfType,
  graph: GraphBuilder,
  outputs: readonly string[],
): GraphSession {
  if (!graphsRunHere(tf)) {
    throw new Error(`graphs run on the native engine only; the backend is ${tf.getBackend()}`);
  }
  const backend = tf.backend() as unknown as NativeGraphBackend;
  const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'parley-graph-'));
  let id: number;
  try {
    fs.writeFileSync(path.join(directory, 'saved_model.pb'), graph.savedModel());
    id = backend.loadSavedModelMetaGraph(directory, savedModelTag);
  } finally {
    fs.rmSync(directory, { recursive: true, force: true });
  }
  const inputInfos = graph.inputs.map(({ name, dtype }) => ({
    name: `${name}:0`,
    tfDtype: dtype === 'int32' ? 'DT_INT32' : 'DT_FLOAT',
  }));
  // Output names in the engine's "node:index" form.
  const outputNames = outputs.map((output) => (output.includes(':') ? output : `${output}:0`));
  return {
    run(inputs) {
      if (inputs.length !== inputInfos.length) {
        throw new Error(`the graph takes ${inputInfos.length} inputs, given ${inputs.length}`);
      }
      return backend.runSavedModel(id, [...inputs], inputInfos, outputNames);
    },
  };
}
