import type { CheckpointRole } from '../platform/checkpoints/checkpointModel';
import type { Round } from '../platform/rounds/roundModel';
import { updateRoundIn } from '../platform/rounds/roundPipeline';
import { generateCorpus } from '../shared/corpus/generateCorpus';
import { defaultPopulation, parsePopulation } from '../shared/corpus/population';
import { stateFromRecord } from '../shared/corpus/recordConversion';
import { isLowQuality } from '../shared/corpus/uniqueActs';
import type { DialogueState } from '../shared/dialogue/dialogue';
import { getDomain } from '../shared/domain/domains';
import type { DomainId } from '../shared/domain/types';
import { serializePolicy } from '../learning/checkpoint';
import { createPolicy, disposePolicy } from '../learning/policy';
import { trainSupervised } from '../learning/supervised';
import { initTensorflow } from '../learning/tensorflowBackend';
import type { RoundVersions, RoundWorkDeps } from './roundWork';
import { FlatAdam } from '../learning/adam';

/** The synthetic corpus a bootstrapped policy learned from: enough to rebuild its D. */
export interface CorpusSpecRecord {
  seed: string;
  dialogues: number;
  population: string;
}

/** What a checkpoint's `training` says Bob learned from (D, for his next retraining). */
export interface TrainingData {
  corpus: CorpusSpecRecord | null;
  /** Dialogue records (D′ of earlier rounds) added to the corpus. */
  dialogueIds: string[];
}

/** D_H of a corpus spec, as dialogue states. */
export function corpusStates(domainId: DomainId, spec: CorpusSpecRecord): DialogueState[] {
  const domain = getDomain(domainId);
  const states: DialogueState[] = [];
  for (const record of generateCorpus({
    domain,
    dialogues: spec.dialogues,
    seed: spec.seed,
    population: parsePopulation(spec.population),
  })) {
    try {
      states.push(stateFromRecord(record));
    } catch {
      // A generated record always replays; nothing else to learn from if one did not.
    }
  }
  return states;
}

/**
 * The versions a round plays with: the round's own, else its owner's promoted ones, else the
 * domain's (the expert is always the domain's), else a
 * bootstrap — the simulated expert trained by SL on a synthetic corpus D_H and one SL policy
 * on its low-quality part D_L that starts both Alice and Bob (as the experiment runner does).
 * Bootstrap versions are named by domain and seed, so a retried job writes the same ones.
 */
export async function resolveVersions(deps: RoundWorkDeps, round: Round): Promise<RoundVersions> {
  const { domain, owner } = round;
  const wanted = {
    alice: round.checkpoints?.alice ?? (await deps.store.currentVersion(domain, 'alice', owner)),
    bob: round.checkpoints?.bob ?? (await deps.store.currentVersion(domain, 'bob', owner)),
    expert: await deps.store.currentVersion(domain, 'expert'),
  };
  const booted =
    wanted.alice === null || wanted.bob === null || wanted.expert === null
      ? await bootstrapFor(deps, round)
      : null;
  const versions: RoundVersions = {
    alice: wanted.alice ?? booted!.alice,
    bob: wanted.bob ?? booted!.bob,
    expert: wanted.expert ?? booted!.expert,
  };
  for (const version of [versions.alice, versions.bob, versions.expert]) {
    const doc = await deps.store.get(version);
    if (doc?.status !== 'ready') {
      throw new UnusableCheckpointError(`checkpoint ${version} does not exist or is not ready`);
    }
  }
  return versions;
}

/** What the round's progress says while the first checkpoints train (seconds, no counters). */
export const bootstrapActivity = 'training the first checkpoints (expert, Alice, Bob)…';

/** The bootstrap, with the round saying so meanwhile: its self-play counters stand still. */
async function bootstrapFor(deps: RoundWorkDeps, round: Round): Promise<RoundVersions> {
  const roundId = round._id.toHexString();
  await updateRoundIn(deps.connection, roundId, 'self-play', { activity: bootstrapActivity });
  try {
    return await bootstrap(deps, round.domain, round.seed);
  } finally {
    await updateRoundIn(deps.connection, roundId, 'self-play', { activity: null });
  }
}

export class UnusableCheckpointError extends Error {
  override name = 'UnusableCheckpointError';
}

/**
 * Trains (or finds) the bootstrap checkpoints of a domain and seed and makes them current if
 * none is: what a round's first self-play does, and what `parley bench server --alice neural`
 * puts in its private database.
 */
export async function bootstrap(
  deps: RoundWorkDeps,
  domain: DomainId,
  seed: number,
): Promise<RoundVersions> {
  const { tf } = await initTensorflow();
  const { settings, store } = deps;
  const name = (role: string) => `bootstrap-${domain}-s${seed}-${role}`;
  const corpus: CorpusSpecRecord = {
    seed: `${seed}/bootstrap-data`,
    dialogues: settings.bootstrapDialogues,
    population: defaultPopulation,
  };
  const started = Date.now();
  const high = corpusStates(domain, corpus);
  const low = high.filter((d) => isLowQuality(d));
  const config = { domainId: domain, ...settings.model, seed };
  const train = async (
    role: CheckpointRole,
    data: DialogueState[],
    epochs: number,
    training: TrainingData | { corpus: CorpusSpecRecord; part: 'high' },
  ) => {
    const version = name(role);
    if ((await store.get(version))?.status !== 'ready') {
      const policy = createPolicy(tf, config);
      const optimizer = new FlatAdam(tf, 0.003);
      const losses = trainSupervised(policy, data, { epochs, seed: `${seed}/${role}` }, optimizer);
      optimizer.dispose();
      const bytes = serializePolicy(policy, {
        role: `bootstrap-${role}`,
        seed,
        createdAt: new Date().toISOString(),
      });
      disposePolicy(policy);
      await store.save(
        {
          version,
          domain,
          role,
          training: { ...training },
          metrics: { loss: losses.at(-1) ?? 0, dialogues: data.length },
        },
        bytes,
      );
    }
    // A concurrent bootstrap of another seed may have become current first; either is fine.
    await store.makeCurrent(version, { ifNone: true });
    return version;
  };
  const lowData: TrainingData = { corpus: { ...corpus }, dialogueIds: [] };
  const expert = await train('expert', high, settings.expertEpochs, { corpus, part: 'high' });
  // Alice and Bob start from the same SL policy on D_L (trained twice, deterministically).
  const alice = await train('alice', low, settings.initEpochs, lowData);
  const bob = await train('bob', low, settings.initEpochs, lowData);
  deps.log.info({ domain, seed, ms: Date.now() - started }, 'bootstrapped round checkpoints');
  return { alice, bob, expert };
}

/** Bob's D, as recorded by his checkpoint. */
export function trainingDataOf(training: unknown): TrainingData {
  const value = (training ?? {}) as Partial<TrainingData>;
  return { corpus: value.corpus ?? null, dialogueIds: value.dialogueIds ?? [] };
}
