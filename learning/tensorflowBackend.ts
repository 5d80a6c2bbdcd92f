import { createRequire } from 'node:module';
import path from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';

export type TensorflowBackend = 'tensorflow' | 'wasm' | 'cpu';

export interface TensorflowRuntime {
  tf: typeof tf;
  backend: TensorflowBackend;
}

const require = createRequire(import.meta.url);
// Named through a variable so TypeScript does not require the optional package's types.
const nativeBindingPackage = '@tensorflow/tfjs-node';

let ready: Promise<TensorflowRuntime> | undefined;

/**
 * Picks the fastest backend that works here: the native engine (libtensorflow through
 * `@tensorflow/tfjs-node`, built by `npm ci` where it can: docs/native-engine.md), else WASM
 * (offline, ~30× the plain CPU backend on this kind of machine), else CPU.
 * `prefer` forces one (benchmarks compare them). Idempotent per process.
 */
export function initTensorflow(prefer?: TensorflowBackend): Promise<TensorflowRuntime> {
  ready ??= selectBackend(prefer === undefined ? ['tensorflow', 'wasm', 'cpu'] : [prefer]);
  return ready;
}

/**
 * For a process that only answers live turns (the server's Alice): WASM first. A live reply
 * runs one dialogue at a time, hundreds of tiny kernels, and the native engine's dispatch per
 * kernel costs more than the kernel: measured under `parley bench server --alice neural`, the
 * replies took about 3x the CPU on the native engine (docs/deployment.md, live latency). A process that
 * already started TensorFlow keeps its backend.
 */
export function initTensorflowForReplies(): Promise<TensorflowRuntime> {
  ready ??= selectBackend(['wasm', 'tensorflow', 'cpu']);
  return ready;
}

async function selectBackend(order: readonly TensorflowBackend[]): Promise<TensorflowRuntime> {
  const failures: string[] = [];
  for (const backend of order) {
    try {
      await activate(backend);
      return { tf, backend };
    } catch (error) {
      failures.push(`${backend}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  throw new Error(`No TensorFlow.js backend could start:\n  ${failures.join('\n  ')}`);
}

/**
 * Switches this process to `backend` if it starts here (tests compare backends with it); false
 * when it does not. Tensors made before the switch stay on their backend.
 */
export async function switchBackend(backend: TensorflowBackend): Promise<boolean> {
  try {
    await activate(backend);
    return true;
  } catch {
    return false;
  }
}

async function activate(backend: TensorflowBackend): Promise<void> {
  if (backend === 'tensorflow') {
    // libtensorflow logs its CPU feature probing at load; only warnings and errors are news.
    process.env.TF_CPP_MIN_LOG_LEVEL ??= '2';
    // One thread per operation unless the user says otherwise: this model's kernels are small,
    // and waking a second thread for each costs more than it saves (a 64×64 product: 36 µs on
    // one thread, 120–140 µs on two; the SL epoch 1.5–1.8× faster). Parallel experiments use
    // the other cores with processes instead (docs/native-engine.md).
    process.env.TF_NUM_INTRAOP_THREADS ??= '1';
    // And one thread to run a graph's operations (training runs as graphs: docs/native-engine.md):
    // the nodes mostly wait on each other, and a second thread's wake-ups cost CPU (5 % more on a
    // smoke experiment, for 1 % less wall time) that parallel experiment processes need.
    process.env.TF_NUM_INTEROP_THREADS ??= '1';
    await import(nativeBindingPackage);
  }
  if (backend === 'wasm') {
    const wasmDir = path.dirname(
      require.resolve('@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm'),
    );
    setWasmPaths(`${wasmDir}${path.sep}`);
  }
  if (!(await tf.setBackend(backend))) {
    throw new Error(`tf.setBackend('${backend}') failed`);
  }
  await tf.ready();
  // A real op, so a backend that registers but cannot compute is caught here.
  const sum = tf.tidy(() => tf.add(tf.tensor1d([1, 2]), tf.tensor1d([3, 4])).dataSync());
  if (sum[0] !== 4 || sum[1] !== 6) {
    throw new Error(`backend ${backend} computed a wrong result`);
  }
}
