import type { Connection } from 'mongoose';
import {
  createCheckpointStore,
  type CheckpointStore,
} from '../platform/checkpoints/checkpointStore';
import type { JobContext, JobOutcome } from '../platform/jobs/jobRegistry';
import type { Logger } from '../platform/logger';
import { roundModel, type Round } from '../platform/rounds/roundModel';
import { roundStages, type RoundStatus } from '../shared/protocol/rounds';
import { deserializePolicy } from '../learning/checkpoint';
import type { Policy } from '../learning/policyNetwork';
import { initTensorflow } from '../learning/tensorflowBackend';
import type { PipelineSettings } from './pipelineSettings';

export interface RoundWorkDeps {
  connection: Connection;
  log: Logger;
  settings: PipelineSettings;
  store: CheckpointStore;
}

export function roundWorkDeps(
  connection: Connection,
  log: Logger,
  settings: PipelineSettings,
): RoundWorkDeps {
  return { connection, log, settings, store: createCheckpointStore(connection) };
}

/** Versions a round plays with, fixed by its self-play stage (see bootstrap.ts). */
export interface RoundVersions {
  alice: string;
  bob: string;
  expert: string;
}

/** What the workers record in `round.pipeline` as the round goes. */
export interface RoundPipelineState {
  versions?: RoundVersions;
  plan?: { humanTasks: number; oracleAnnotations: number; humanSlots: number };
  bobAfter?: string;
  /** Alice after the round: after RL self-play, and after her retraining in first order. */
  aliceAfter?: string;
  trainedOn?: TrainedOn;
}

export interface TrainedOn {
  previousDialogues: number;
  /** Human annotations (annotation document ids) that trained Bob. */
  humanAnnotationIds: string[];
  /** Completed human annotations the retraining policy kept out. */
  excludedHumanAnnotationIds: string[];
  /** Oracle continuations (dialogue record ids) by oracle. */
  simulatedExpertDialogueIds: string[];
  astraDialogueIds: string[];
  oracleActs: number;
  totalActs: number;
}

/** The version of Alice a round's RL self-play produces. */
export const rlAliceVersion = (roundId: string) => `${roundId}-alice-rl`;

/**
 * The Alice that oracles and annotators meet once self-play is over: the one RL trained in this
 * round's self-play, or the round's starting Alice when she was frozen.
 */
export function aliceAfterSelfPlay(round: Round, versions: RoundVersions): string {
  return round.aliceLearning === 'rl' ? rlAliceVersion(round._id.toHexString()) : versions.alice;
}

export const pipelineOf = (round: Round): RoundPipelineState =>
  (round.pipeline ?? {}) as RoundPipelineState;

/**
 * Whether a job for `stage` should work on the round now. Its own stage: yes. Paused, failed or
 * cancelled: stop (resume enqueues the stage again). An earlier stage: the job was enqueued just
 * before the previous stage's compare-and-set, so retry shortly. A later stage: an earlier
 * attempt already did this work.
 */
export async function roundInStage(
  deps: RoundWorkDeps,
  roundId: string,
  stage: RoundStatus,
): Promise<{ round: Round } | { outcome: JobOutcome }> {
  const round = await roundModel(deps.connection).findById(roundId).lean<Round>().exec();
  if (round === null) {
    return { outcome: { status: 'failed', error: `no round ${roundId}` } };
  }
  if (round.status === stage) {
    return { round };
  }
  // Failed: retry enqueues the stage again; this is a leftover (duplicate) job.
  if (round.status === 'paused' || round.status === 'cancelled' || round.status === 'failed') {
    return { outcome: { status: 'done', result: { stopped: round.status } } };
  }
  const order = roundStages as readonly string[];
  if (order.indexOf(round.status) < order.indexOf(stage)) {
    return { outcome: { status: 'retry', error: `round is still ${round.status}` } };
  }
  return { outcome: { status: 'done', result: { skipped: `round is already ${round.status}` } } };
}

/**
 * Between chunks: go on, or the outcome to stop with. A lost lease or a stopping worker is a
 * retry (another worker continues from the stored progress); a round that left the stage
 * (paused, cancelled) ends the job: resume enqueues the stage again.
 */
export async function stopBetweenChunks(
  deps: RoundWorkDeps,
  roundId: string,
  stage: RoundStatus,
  context: JobContext,
): Promise<JobOutcome | null> {
  if (context.signal.aborted) {
    return { status: 'retry', error: 'interrupted between chunks' };
  }
  const round = await roundModel(deps.connection)
    .findById(roundId, { status: 1 })
    .lean<Pick<Round, 'status'>>()
    .exec();
  return round?.status === stage
    ? null
    : { status: 'done', result: { stopped: round?.status ?? 'gone' } };
}

/** A ready checkpoint as a policy (the caller disposes it). */
export async function loadPolicy(deps: RoundWorkDeps, version: string): Promise<Policy> {
  const { tf } = await initTensorflow();
  const { bytes } = await deps.store.load(version);
  return deserializePolicy(tf, bytes).policy;
}
