import type { JobContext, JobOutcome } from '../platform/jobs/jobRegistry';
import { storeDialogueRecord } from '../platform/dialogues/dialogueModel';
import { roundModel } from '../platform/rounds/roundModel';
import { enqueueRoundJob, moveRound } from '../platform/rounds/roundPipeline';
import { recordFromState } from '../shared/corpus/recordConversion';
import { getDomain } from '../shared/domain/domains';
import type { Context } from '../shared/domain/types';
import { createRng } from '../shared/random/rng';
import { disposePolicy } from '../learning/policy';
import { selfPlay } from '../learning/selfPlay';
import { resolveVersions, UnusableCheckpointError } from './bootstrap';
import {
  loadPolicy,
  pipelineOf,
  roundInStage,
  stopBetweenChunks,
  type RoundVersions,
  type RoundWorkDeps,
} from './roundWork';

/** The id of a round's i-th self-play dialogue (zero-padded: ids sort in play order). */
export const selfPlayId = (roundId: string, index: number) =>
  `${roundId}-selfplay-${String(index).padStart(6, '0')}`;

/** The round's N self-play contexts: fixed by its seed, so a resumed stage plays the same ones. */
export function selfPlayContexts(domainId: string, seed: number, n: number): Context[] {
  const domain = getDomain(domainId);
  const rng = createRng(`${seed}/round/selfplay-contexts`);
  return Array.from({ length: n }, () => domain.sampleContext(rng));
}

/**
 * `round.selfplay`: fixes the checkpoint versions (bootstrapping any that are missing), then
 * plays the N dialogues Alice vs Bob in chunks from the stored progress on. Each chunk's
 * dialogues are upserted under deterministic ids and then the counter moves, so a rerun
 * replays at most one chunk, identically (each chunk's seed is its start index).
 */
export async function selfPlayStage(
  deps: RoundWorkDeps,
  roundId: string,
  context: JobContext,
): Promise<JobOutcome> {
  const gate = await roundInStage(deps, roundId, 'self-play');
  if ('outcome' in gate) {
    return gate.outcome;
  }
  let round = gate.round;
  let versions = pipelineOf(round).versions;
  if (versions === undefined) {
    let resolved: RoundVersions;
    try {
      resolved = await resolveVersions(deps, round);
    } catch (error) {
      if (error instanceof UnusableCheckpointError) {
        return { status: 'failed', error: error.message };
      }
      throw error;
    }
    // Only the first attempt to get here fixes the versions; a later one reads them back.
    await roundModel(deps.connection).updateOne(
      { _id: roundId, pipeline: null },
      { $set: { pipeline: { versions: resolved } } },
    );
    round = (await roundModel(deps.connection).findById(roundId).lean().exec()) ?? round;
    versions = pipelineOf(round).versions ?? resolved;
  }
  const total = round.selfPlayDialogues;
  const contexts = selfPlayContexts(round.domain, round.seed, total);
  const alice = await loadPolicy(deps, versions.alice);
  const bob = await loadPolicy(deps, versions.bob);
  const chunk = deps.settings.chunkSize;
  // Where this attempt picks up: a resumed (or retried) stage does not replay finished chunks.
  const from = Math.floor((round.progress?.['self-play']?.done ?? 0) / chunk) * chunk;
  let played = 0;
  try {
    let start = from;
    while (start < total) {
      const stop = await stopBetweenChunks(deps, roundId, 'self-play', context);
      if (stop !== null) {
        return stop;
      }
      const end = Math.min(total, start + chunk);
      const dialogues = await selfPlay([alice, bob], contexts.slice(start, end), {
        seed: `${round.seed}/selfplay/${start}`,
      });
      played += dialogues.length;
      for (const [offset, dialogue] of dialogues.entries()) {
        if (dialogue.state.outcome === null) {
          continue; // cannot happen with the turn limit; nothing to store if it did
        }
        const record = recordFromState(dialogue.state, {
          id: selfPlayId(roundId, start + offset),
          source: 'selfplay',
          provenance: {
            models: [versions.alice, versions.bob],
            seed: `${round.seed}/selfplay/${start}`,
            round: roundId,
          },
        });
        await storeDialogueRecord(deps.connection, record, { taskId: null, roundId });
      }
      // $max: a second job of the stage (after a resume) replaying earlier chunks never moves
      // the counter back.
      await roundModel(deps.connection).updateOne(
        { _id: roundId, status: 'self-play' },
        { $max: { 'progress.self-play.done': end }, $set: { updatedAt: new Date() } },
      );
      start = end;
    }
  } finally {
    disposePolicy(alice);
    disposePolicy(bob);
  }
  // Enqueued before the move: a crash in between leaves a job that waits for the move (which
  // this job's retry makes), never a ranking stage with no job.
  await enqueueRoundJob(deps.connection, 'round.rank', roundId);
  await moveRound(deps.connection, roundId, 'self-play', 'ranking');
  return { status: 'done', result: { from, played, versions } };
}
