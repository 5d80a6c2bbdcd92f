import type { Connection } from 'mongoose';
import {
  activeStages,
  type ActiveStage,
  type CreateRoundBody,
  type NoveltyEntry,
  type PromoteRoundBody,
  type RoundCounts,
  type RoundResults,
  type RoundAction,
  type RoundProgressEvent,
  type RoundView,
} from '../../shared/protocol/rounds';
import type { CheckpointListQuery, CheckpointOption } from '../../shared/protocol/checkpoints';
import { mayView, seesEveryOwner } from '../../shared/protocol/visibility';
import type { SessionUser } from '../auth/sessionUser';
import { assertUsableCheckpoint, usableCheckpoints } from '../checkpoints/checkpointCatalog';
import { createCheckpointStore } from '../checkpoints/checkpointStore';
import { ConflictError, ForbiddenError, NotFoundError } from '../errors';
import { recordAudit } from '../review/auditLog';
import { taskModel } from '../tasks/taskModel';
import { roundCounts, roundNovelty } from './roundInsights';
import { roundModel, type Round } from './roundModel';
import { enqueueRoundJob, isRoundJobKind, stageJob } from './roundPipeline';
import { presentRound, progressEvent } from './roundPresenter';

/** Told of every status change, so `/rounds` can push it to the owner and to admins. */
export type RoundNotifier = (ownerId: string, event: RoundProgressEvent, at?: Date) => void;

const isActive = (status: string): status is ActiveStage =>
  (activeStages as readonly string[]).includes(status);

/**
 * The researcher's steering of a round. What each action allows (anything else is a 409):
 * launch draft → self-play; pause an active stage → paused (remembering the stage); resume
 * paused → that stage; retry failed → the stage that failed (its job is enqueued again); cancel
 * anything not yet evaluated or cancelled → cancelled. Each change
 * is a compare-and-set on the status it was decided from, so two clicks cannot both win.
 */
function nextStatus(round: Round, action: RoundAction): Partial<Round> | null {
  const status = round.status;
  switch (action) {
    case 'launch':
      return status === 'draft' ? { status: 'self-play' } : null;
    case 'pause':
      return isActive(status) ? { status: 'paused', pausedFrom: status } : null;
    case 'resume':
      return status === 'paused' && round.pausedFrom
        ? { status: round.pausedFrom, pausedFrom: null }
        : null;
    case 'retry':
      return status === 'failed' && round.failure
        ? { status: round.failure.stage, failure: null }
        : null;
    case 'cancel':
      return status === 'evaluated' || status === 'cancelled'
        ? null
        : { status: 'cancelled', pausedFrom: null, failure: null };
  }
}

export function createRoundService(connection: Connection, notify: RoundNotifier) {
  const rounds = roundModel(connection);

  async function create(user: SessionUser, body: CreateRoundBody): Promise<RoundView> {
    // A checkpoint that does not exist would only fail the round's self-play later.
    for (const role of ['alice', 'bob'] as const) {
      const version = body.checkpoints[role];
      if (version !== null) {
        await assertUsableCheckpoint(connection, user, { domain: body.domain, role }, version);
      }
    }
    const now = new Date();
    const created = await rounds.create({
      ...body,
      owner: user.id,
      status: 'draft',
      pausedFrom: null,
      progress: {
        'self-play': { done: 0, total: body.selfPlayDialogues },
        ranking: { done: 0, total: body.selfPlayDialogues },
        annotating: { done: 0, total: body.annotate },
        retraining: { done: 0, total: 0 },
      },
      results: null,
      createdAt: now,
      updatedAt: now,
    });
    return presentRound(created.toObject());
  }

  /** A researcher's own rounds; an admin's view is every round. Newest first. */
  async function list(user: SessionUser): Promise<RoundView[]> {
    const filter = seesEveryOwner(user) ? {} : { owner: user.id };
    const found = await rounds.find(filter).sort({ createdAt: -1 }).limit(500).lean<Round[]>();
    return found.map(presentRound);
  }

  /** Someone else's round is NotFound, not Forbidden: ids cannot be probed. */
  async function visible(user: SessionUser, roundId: string): Promise<Round> {
    const round = await rounds.findById(roundId).lean<Round>().exec();
    if (round === null || !mayView(user, round.owner)) {
      throw new NotFoundError(`No round ${roundId}.`);
    }
    return round;
  }

  async function get(user: SessionUser, roundId: string): Promise<RoundView> {
    return presentRound(await visible(user, roundId));
  }

  async function act(user: SessionUser, roundId: string, action: RoundAction): Promise<RoundView> {
    const round = await visible(user, roundId);
    const change = nextStatus(round, action);
    if (change === null && action === 'retry') {
      throw new ConflictError(
        `Cannot retry a round that is ${round.status}: only a failed round can be retried.`,
      );
    }
    if (change === null) {
      throw new ConflictError(`Cannot ${action} a round that is ${round.status}.`);
    }
    const updated = await rounds
      .findOneAndUpdate(
        { _id: round._id, status: round.status },
        { $set: { ...change, updatedAt: new Date() } },
        { new: true },
      )
      .lean<Round>()
      .exec();
    if (updated === null) {
      throw new ConflictError('The round changed meanwhile; reload it and try again.');
    }
    await startWork(updated, action, round.failure?.job);
    notify(updated.owner, progressEvent(updated), updated.updatedAt);
    return presentRound(updated);
  }

  /**
   * The work an action sets off: launch and resume enqueue the stage's job (it continues from
   * the progress stored in the round), retry the job that failed; running jobs notice pause and
   * cancel at their next chunk. Cancel also closes the round's tasks, so no worker can claim them.
   */
  async function startWork(
    round: Round,
    action: RoundAction,
    failedJob: string | undefined,
  ): Promise<void> {
    const roundId = round._id.toHexString();
    if (action === 'launch' && isActive(round.status)) {
      await enqueueRoundJob(connection, stageJob[round.status], roundId);
    }
    // A job still leased may have seen the pause and be about to end: skipping the enqueue for
    // it would leave the resumed stage without a job. Two jobs of a stage are harmless.
    if (action === 'resume' && isActive(round.status)) {
      await enqueueRoundJob(connection, stageJob[round.status], roundId, { evenIfLeased: true });
    }
    if (action === 'retry' && isActive(round.status)) {
      const kind = isRoundJobKind(failedJob) ? failedJob : stageJob[round.status];
      await enqueueRoundJob(connection, kind, roundId, { evenIfLeased: true });
    }
    if (action === 'cancel') {
      await taskModel(connection).updateMany({ roundId }, { $set: { closed: true } });
    }
  }

  /** Task and annotation counts of a round its owner (or an admin) may see. */
  async function counts(user: SessionUser, roundId: string): Promise<RoundCounts> {
    return roundCounts(connection, await visible(user, roundId));
  }

  /** The round's most novel self-play dialogues (empty until ranking is done). */
  async function novelty(user: SessionUser, roundId: string): Promise<NoveltyEntry[]> {
    return roundNovelty(connection, await visible(user, roundId));
  }

  /**
   * Makes an evaluated round's new checkpoints a default: its owner's (their rounds that name no
   * checkpoint start from them), or with `scope: everyone` (admins only) the domain's. Nothing
   * becomes a default before a person has seen the round's evaluation; promoting again is
   * harmless (the pointers already hold those versions) and a later promotion of another round
   * wins. Audited.
   */
  async function promote(
    user: SessionUser,
    roundId: string,
    body: PromoteRoundBody,
  ): Promise<RoundView> {
    const round = await visible(user, roundId);
    // Publishing to everyone is a platform decision: only a viewer of every owner may make it.
    if (body.scope === 'everyone' && !seesEveryOwner(user)) {
      throw new ForbiddenError(
        "Only an admin can make a round's checkpoints everyone's default; promote them to your own.",
      );
    }
    const results = round.results as RoundResults | null;
    const bob = results?.checkpoints.bobAfter ?? null;
    if (round.status !== 'evaluated' || results === null || bob === null) {
      throw new ConflictError(
        `Cannot promote a round that is ${round.status}: only an evaluated round has checkpoints to promote.`,
      );
    }
    const after = results.checkpoints.aliceAfter ?? results.checkpoints.alice;
    const alice = after === results.checkpoints.alice ? null : after;
    const store = createCheckpointStore(connection);
    const owner = body.scope === 'everyone' ? null : round.owner;
    for (const version of alice === null ? [bob] : [alice, bob]) {
      await store.makeCurrent(version, { owner });
    }
    const at = new Date();
    const promotion = { scope: body.scope, by: user.id, at, alice, bob };
    const updated = await rounds
      .findOneAndUpdate({ _id: round._id }, { $set: { promotion } }, { new: true })
      .lean<Round>()
      .exec();
    if (updated === null) {
      throw new NotFoundError(`No round ${roundId}.`);
    }
    await recordAudit(
      connection,
      user,
      {
        action: 'round.promote',
        targetType: 'round',
        targetId: roundId,
        reason: '',
        details: { scope: body.scope, owner: round.owner, domain: round.domain, alice, bob },
      },
      at,
    );
    return presentRound(updated);
  }

  /** The checkpoints of a domain and role the caller may start a round from. */
  async function checkpoints(
    user: SessionUser,
    query: CheckpointListQuery,
  ): Promise<CheckpointOption[]> {
    return usableCheckpoints(connection, user, query);
  }

  return { create, list, get, act, promote, counts, novelty, checkpoints };
}

export type RoundService = ReturnType<typeof createRoundService>;
