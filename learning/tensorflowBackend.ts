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
 * Picks the fastest backend that works here: the native binding when `@tensorflow/tfjs-node`
 * installed, else WASM (offline, ~30× the plain CPU backend on this kind of machine), else CPU.
 * `prefer` forces one (benchmarks compare them). Idempotent per process.
 */
export function initTensorflow(prefer?: TensorflowBackend): Promise<TensorflowRuntime> {
  ready ??= selectBackend(prefer);
  return ready;
}

async function selectBackend(prefer?: TensorflowBackend): Promise<TensorflowRuntime> {
  const order: TensorflowBackend[] =
    prefer === undefined ? ['tensorflow', 'wasm', 'cpu'] : [prefer];
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

async function activate(backend: TensorflowBackend): Promise<void> {
  if (backend === 'tensorflow') {
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
