import { spawn } from 'node:child_process';
import type { LearnBenchResult } from './learnBenchResult';

/**
 * The PyTorch reference of `parley bench learn` (a script kept outside the repository that
 * mirrors the SL epoch op for op, and the model side of batched self-play), run in the same
 * session so that the ratio, not the machine, is what is compared (docs/native-engine.md).
 */
export interface LearnReference {
  /** The reference's own first line (torch version, threads). */
  runtime: string;
  /** Median seconds of one SL epoch written as Parley's op sequence ("mirror"). */
  mirrorSeconds: number | null;
  /** Median seconds of one SL epoch with nn.Embedding + nn.GRU ("fused"). */
  fusedSeconds: number | null;
  /** Model-call rate of batched self-play, dialogues per second. */
  selfPlayPerSecond: number | null;
}

/**
 * The SL ratios compare Parley's model steps with the reference's epoch: the reference builds its
 * batches before its clock starts, so Parley's batch building is left out of those two and shown
 * in `slMirrorWithBatches`.
 */
export interface LearnRatios {
  /** Parley's SL steps over the reference's epoch, same op sequence. */
  slMirror: number | null;
  /** Parley's SL steps over the reference's nn.GRU epoch. */
  slFused: number | null;
  /** Parley's whole SL epoch (batches built, then stepped) over the same-op reference. */
  slMirrorWithBatches: number | null;
  /** The reference's self-play rate over Parley's (> 1: Parley is slower). */
  selfPlay: number | null;
}

/** Reads the reference's report lines ("…: runs 9.1, 9.3 s; min 9.10, median 9.20"). */
export function parseReferenceOutput(output: string): LearnReference {
  const median = (label: string): number | null => {
    const line = output.split('\n').find((l) => l.startsWith(label));
    const match = line?.match(/median ([0-9.]+)/);
    return match?.[1] === undefined ? null : Number(match[1]);
  };
  const rate = output.match(/= ([0-9.]+) dialogues\/s/);
  return {
    runtime: output.split('\n').find((l) => l.startsWith('torch')) ?? 'unknown',
    mirrorSeconds: median('SL epoch, mirror'),
    fusedSeconds: median('SL epoch, fused'),
    selfPlayPerSecond: rate?.[1] === undefined ? null : Number(rate[1]),
  };
}

export function learnRatios(parley: LearnBenchResult, reference: LearnReference): LearnRatios {
  const over = (a: number, b: number | null) => (b === null || b === 0 ? null : a / b);
  return {
    slMirror: over(parley.supervisedEpoch.stepSeconds, reference.mirrorSeconds),
    slFused: over(parley.supervisedEpoch.stepSeconds, reference.fusedSeconds),
    slMirrorWithBatches: over(parley.supervisedEpoch.seconds, reference.mirrorSeconds),
    selfPlay:
      reference.selfPlayPerSecond === null
        ? null
        : reference.selfPlayPerSecond / parley.selfPlay.perSecond,
  };
}

/** Runs the reference script with `python`; rejects with its output when it fails. */
export function runLearnReference(options: {
  python: string;
  script: string;
  repeats: number;
  threads: number;
  log: (m: string) => void;
}): Promise<LearnReference> {
  return new Promise((resolve, reject) => {
    const args = ['--repeats', String(options.repeats), '--threads', String(options.threads)];
    const child = spawn(options.python, [options.script, ...args], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => {
      const text = chunk.toString();
      output += text;
      text
        .split('\n')
        .filter((l) => l.length > 0)
        .forEach((l) => options.log(`reference: ${l}`));
    });
    child.stderr.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    child.on('error', reject);
    child.on('close', (code) => {
      if (code === 0) {
        resolve(parseReferenceOutput(output));
      } else {
        reject(new Error(`the reference exited with ${code}:\n${output.slice(-2000)}`));
      }
    });
  });
}

const ratioText = (r: number | null) => (r === null ? 'n/a' : `${r.toFixed(2)}×`);

export function formatLearnReference(reference: LearnReference, ratios: LearnRatios): string {
  const s = (v: number | null) => (v === null ? 'not run' : `${v.toFixed(2)} s`);
  return [
    `reference (${reference.runtime}): SL epoch ${s(reference.mirrorSeconds)} (same op sequence), ${s(reference.fusedSeconds)} (nn.GRU); self-play ${reference.selfPlayPerSecond === null ? 'not run' : `${reference.selfPlayPerSecond.toFixed(0)} /s`}`,
    `ratio Parley / reference: SL epoch's model steps ${ratioText(ratios.slMirror)} (same op sequence), ${ratioText(ratios.slFused)} (nn.GRU) [issue 15 target ≤ 1.5×]; whole epoch with building the batches ${ratioText(ratios.slMirrorWithBatches)} (same op sequence); self-play (reference rate / Parley's) ${ratioText(ratios.selfPlay)}`,
  ].join('\n');
}
