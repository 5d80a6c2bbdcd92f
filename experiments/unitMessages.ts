import type { ExperimentConfig } from './experimentConfig';
import type { DataSummary } from './experimentData';
import type { EpochResult } from './experimentResults';
import type { ExperimentUnit } from './experimentUnits';

/** What the experiment command tells a unit process (experiments/unitProcess.ts) over IPC. */
export type ToUnitProcess =
  { type: 'setup'; config: ExperimentConfig; out: string } | { type: 'run'; unit: ExperimentUnit };

/** What a unit process answers. */
export type FromUnitProcess =
  | { type: 'ready'; backend: string }
  | { type: 'prepared'; seed: number; summary: Partial<DataSummary> }
  | { type: 'finished'; seed: number; method: string; results: EpochResult[] }
  | { type: 'failed'; message: string };
