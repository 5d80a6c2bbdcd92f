import type { LearnBenchResult } from './learnBenchResult';

/** One target of the learning benchmark and whether a run met it. */
export interface TargetVerdict {
  name: string;
  target: string;
  /** null when the measurement was skipped (`--skip-tda`). */
  met: boolean | null;
}

/** The targets the learning code is held to (2-core machine, default model). */
export function learnTargets(r: LearnBenchResult): TargetVerdict[] {
  const tda = r.acquisitionEpoch;
  return [
    { name: 'self-play (batched)', target: '≥ 1,000 /s', met: r.selfPlay.perSecond >= 1000 },
    { name: 'novelty scoring', target: '≤ 5 s', met: r.novelty.seconds <= 5 },
    { name: 'SL epoch', target: '≤ 60 s', met: r.supervisedEpoch.seconds <= 60 },
    { name: 'TDA epoch', target: '≤ 180 s', met: tda === null ? null : tda.seconds <= 180 },
  ];
}

const verdictText = (v: TargetVerdict) =>
  `[target ${v.target}: ${v.met === null ? 'not measured' : v.met ? 'met' : 'MISSED'}]`;

export function formatLearnBench(r: LearnBenchResult): string {
  const m = r.model;
  const [selfPlay, novelty, sl, tda] = learnTargets(r) as [
    TargetVerdict,
    TargetVerdict,
    TargetVerdict,
    TargetVerdict,
  ];
  const verdicts = [selfPlay, novelty, sl, tda].filter((v) => v.met !== null);
  const missed = verdicts.filter((v) => v.met === false);
  return [
    `backend: ${r.backend}; model: embedding ${m.embedding}, context ${m.context}, GRU ${m.hidden}, selection ${m.selection}`,
    `self-play (batched): ${r.selfPlay.dialogues} negotiations in ${r.selfPlay.seconds.toFixed(2)} s = ${r.selfPlay.perSecond.toFixed(0)} /s (mean ${r.selfPlay.meanLength.toFixed(1)} acts)   ${verdictText(selfPlay)}`,
    `self-play (one at a time): ${r.unbatched.perSecond.toFixed(1)} /s — batching gains ×${(r.selfPlay.perSecond / r.unbatched.perSecond).toFixed(0)}   [no target]`,
    `novelty scoring: ${r.novelty.dialogues} dialogues in ${r.novelty.seconds.toFixed(2)} s   ${verdictText(novelty)}`,
    `SL epoch: ${r.supervisedEpoch.dialogues} dialogues (both sides) in ${r.supervisedEpoch.seconds.toFixed(1)} s (building the batches ${r.supervisedEpoch.batchSeconds.toFixed(1)} s, model steps ${r.supervisedEpoch.stepSeconds.toFixed(1)} s, the median of ${r.supervisedEpoch.stepRuns.map((x) => x.toFixed(1)).join(', ')})   ${verdictText(sl)}`,
    r.acquisitionEpoch === null
      ? `TDA epoch: skipped   ${verdictText(tda)}`
      : `TDA epoch (paper preset): N = ${r.acquisitionEpoch.tasks} with RL, k = ${r.acquisitionEpoch.annotated} annotated, Bob retrained on ${r.acquisitionEpoch.bobData} + k in ${r.acquisitionEpoch.seconds.toFixed(1)} s   ${verdictText(tda)}`,
    missed.length === 0
      ? `targets: all ${verdicts.length} met`
      : `targets: ${verdicts.length - missed.length} of ${verdicts.length} met; missed: ${missed.map((v) => `${v.name} (${v.target})`).join(', ')}`,
  ].join('\n');
}
