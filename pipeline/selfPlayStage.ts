import type { JobContext, JobOutcome } from '../platform/jobs/jobRegistry';
import { storeDialogueRecord } from '../platform/dialogues/dialogueModel';
import { roundModel } from '../platform/rounds/roundModel';
import { enqueueRoundJob, moveRound } from '../platform/rounds/roundPipeline';
import { recordFromState } from '../shared/corpus/recordConversion';
import { getDomain } from '../shared/domain/domains';
import type { Context } from '../shared/domain/types';
import { createRng } from '../shared/random/rng';
import { serializePolicy } from '../learning/checkpoint';
import { disposePolicy } from '../learning/policy';
import { reinforce, reinforceState } from '../learning/reinforce';
import { plainReward } from '../learning/reward';
import { selfPlay } from '../learning/selfPlay';
import { resolveVersions, UnusableCheckpointError } from './bootstrap';
import {
  loadPolicy,
  rlAliceVersion,
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
 * plays the N dialogues Alice vs Bob in chunks — with REINFORCE updates of Alice when the round
 * learns (`aliceLearning: rl`, the paper's TDA epoch), saving her as `<round>-alice-rl` at the
 * end. Each chunk's dialogues are upserted under deterministic ids and then the counter moves;
 * each chunk's seed is its start index, so a rerun plays identically. Without learning a rerun
 * starts at the stored progress; with RL it replays the finished chunks without storing them
 * (Alice's weights after them are not stored), which costs compute, not correctness.
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
  const learning = round.aliceLearning === 'rl';
  const trainedVersion = rlAliceVersion(roundId);
  if (learning && (await deps.store.get(trainedVersion))?.status === 'ready') {
    // An earlier attempt finished every chunk and saved Alice; only the move is left.
    return finishSelfPlay(deps, roundId, { from: total, played: 0, replayed: 0, versions });
  }
  const alice = await loadPolicy(deps, versions.alice);
  const bob = await loadPolicy(deps, versions.bob);
  const rl = learning ? reinforceState(alice.tf, deps.settings.rl.learningRate) : null;
  const chunk = deps.settings.chunkSize;
  // Where this attempt picks up: a resumed (or retried) stage does not store finished chunks
  // again. Without learning it does not replay them either; with RL it replays them without
  // storing (same seeds, same updates), so that Alice's weights are where they were.
  const stored = Math.floor((round.progress?.['self-play']?.done ?? 0) / chunk) * chunk;
  const from = learning ? 0 : stored;
  let played = 0;
  try {
    let start = from;
    while (start < total) {
      const stop = await stopBetweenChunks(deps, roundId, 'self-play', context);
      if (stop !== null) {
        return stop;
      }
      const end = Math.min(total, start + chunk);
      const seed = `${round.seed}/selfplay/${start}`;
      const dialogues =
        rl === null
          ? await selfPlay([alice, bob], contexts.slice(start, end), { seed })
          : await reinforce(
              alice,
              { policy: bob },
              contexts.slice(start, end),
              {
                seed,
                reward: plainReward,
                gamma: deps.settings.rl.gamma,
                batchSize: deps.settings.rl.batchSize,
                temperature: deps.settings.rl.temperature,
              },
              rl,
            );
      if (start >= stored) {
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
              seed,
              round: roundId,
              ...(rl === null ? {} : { learning: 'rl' }),
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
      }
      start = end;
    }
    if (rl !== null) {
      await deps.store.save(
        {
          version: trainedVersion,
          domain: round.domain,
          role: 'alice',
          roundId,
          owner: round.owner,
          parent: versions.alice,
          metrics: { dialogues: total },
        },
        serializePolicy(alice, {
          role: 'round-rl',
          seed: round.seed,
          createdAt: new Date().toISOString(),
        }),
      );
    }
  } finally {
    rl?.optimizer.dispose();
    disposePolicy(alice);
    disposePolicy(bob);
  }
  // `from`: the first dialogue this attempt stored; `replayed`: played again only to retrain Alice.
  return finishSelfPlay(deps, roundId, {
    from: stored,
    played,
    replayed: learning ? stored : 0,
    versions,
  });
}

async function finishSelfPlay(
  deps: RoundWorkDeps,
  roundId: string,
  result: { from: number; played: number; replayed: number; versions: RoundVersions },
): Promise<JobOutcome> {
  // Enqueued before the move: a crash in between leaves a job that waits for the move (which
  // this job's retry makes), never a ranking stage with no job.
  await enqueueRoundJob(deps.connection, 'round.rank', roundId);
  await moveRound(deps.connection, roundId, 'self-play', 'ranking');
  return { status: 'done', result };
}
