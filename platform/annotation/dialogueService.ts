import type { Connection } from 'mongoose';
import { viewFor } from '../../shared/agents/playDialogue';
import { astraStateFor } from '../../shared/astra/astraNegotiator';
import { suggest } from '../../shared/astra/suggest';
import type { Act } from '../../shared/dialogue/acts';
import { ActError } from '../../shared/dialogue/actRules';
import {
  applyAct,
  applySelection,
  nextSpeaker,
  type DialogueState,
} from '../../shared/dialogue/dialogue';
import type { Allocation } from '../../shared/domain/types';
import type { ActAckData, SuggestionView, TaskEndedEvent } from '../../shared/protocol/annotation';
import { storeDialogueRecord } from '../dialogues/dialogueModel';
import { ConflictError, LeaseExpiredError, SeqReusedError } from '../errors';
import type { Logger } from '../logger';
import { studyCompletion } from '../studies/studyProgress';
import type { Leasing } from '../tasks/leasing';
import type { Lease, Task } from '../tasks/taskModel';
import { aliceSeed, createAliceAgents } from './aliceAgents';
import type { Annotation } from './annotationModel';
import { annotationRecord } from './annotationRecord';
import { actsEqual, alice, bob, replay } from './annotationState';
import type { AnnotationStore } from './annotationStore';
import { presentEnded, seatOf } from './presenters';
import type { AnnotationNotifier } from './notifier';

export interface DialogueDeps {
  connection: Connection;
  leasing: Leasing;
  store: AnnotationStore;
  notify: AnnotationNotifier;
  log: Logger;
  /** Told of every completed annotation once its record is stored (server/quality checks). */
  onCompleted?: (task: Task, annotation: Annotation) => Promise<void>;
  /** A round's neural Alice must reply within this, or ASTRA answers instead. */
  aliceTurnTimeoutMs?: number;
}

interface LiveDialogue {
  task: Task;
  lease: Lease;
  annotation: Annotation;
}

/** The moves of a live annotation: Bob's acts, Alice's replies, selections, suggestions. */
export function createDialogueService(deps: DialogueDeps) {
  const { leasing, store } = deps;
  const agents = createAliceAgents({
    connection: deps.connection,
    log: deps.log,
    turnTimeoutMs: deps.aliceTurnTimeoutMs ?? 2_000,
  });

  /**
   * The live dialogues this process last wrote or read (task, lease, annotation), so that an
   * act and Alice's reply need no reads. Each use is checked: the lease must be active and not
   * past its expiry by the clock, and every write is a compare-and-set on the annotation's turn
   * count and status, so a dialogue changed elsewhere (another tab on another server, an
   * abandon, an expiry) fails its write or its rules, and is then read afresh.
   */
  const live = new Map<string, LiveDialogue>();
  const keyOf = (taskId: string, workerId: string) => `${taskId}:${workerId}`;
  function remember(task: Task, lease: Lease, annotation: Annotation) {
    if (live.size > 10_000) {
      live.clear(); // dialogues left without finishing; nothing depends on these entries
    }
    live.set(keyOf(task._id.toHexString(), annotation.workerId), { task, lease, annotation });
  }
  function cached(taskId: string, workerId: string, now: Date): LiveDialogue | undefined {
    const entry = live.get(keyOf(taskId, workerId));
    return entry !== undefined &&
      entry.lease.status === 'active' &&
      entry.lease.expiresAt.getTime() > now.getTime()
      ? entry
      : undefined;
  }
  function forget(taskId: string, workerId: string) {
    live.delete(keyOf(taskId, workerId));
  }
  /** A renewed lease, for the remembered dialogue (renewals are the lease's only change). */
  function renewed(taskId: string, workerId: string, lease: Lease) {
    const entry = live.get(keyOf(taskId, workerId));
    if (entry !== undefined) {
      entry.lease = lease;
    }
  }

  async function open(taskId: string, workerId: string, now: Date) {
    // Both reads at once (an act waits on them). A read first: the annotation exists after
    // the first act, and an upsert is a write.
    const [{ task, lease }, loaded] = await Promise.all([
      leasing.held(taskId, workerId, now),
      store.load(taskId, workerId),
    ]);
    const annotation = loaded ?? (await store.ensure(task, lease, now));
    remember(task, lease, annotation);
    return { task, lease, annotation };
  }

  /** Bob's act: validated by the rules, stored, and only then acknowledged (idempotent by seq). */
  async function act(
    workerId: string,
    input: { taskId: string; seq: number; act: Act },
    now = new Date(),
  ): Promise<ActAckData> {
    // Up to two reads; a remembered dialogue is tried first and costs no read.
    let remembered = cached(input.taskId, workerId, now);
    for (let reads = 0; reads < 2;) {
      const from = remembered;
      remembered = undefined;
      if (from === undefined) {
        reads++;
      }
      const { task, lease, annotation } = from ?? (await open(input.taskId, workerId, now));
      const seen = annotation.turns.findIndex((t) => t.seq === input.seq);
      if (seen >= 0) {
        if (!actsEqual(annotation.turns[seen]?.act, input.act)) {
          throw new SeqReusedError(input.seq);
        }
        return { seq: input.seq, turn: task.prefix.length + seen, duplicate: true };
      }
      const state = replay(task, annotation);
      let next: DialogueState;
      try {
        next = applyAct(state, bob, input.act);
      } catch (error) {
        if (from !== undefined) {
          continue; // judged on what this process remembered: judge again on what is stored
        }
        if (error instanceof ActError) {
          await store.countInvalidAct(annotation);
        }
        throw error;
      }
      const turn = state.turns.length;
      const suggested = annotation.suggestions.filter((s) => s.turn === turn).at(-1)?.act ?? null;
      const stored = {
        speaker: bob,
        act: input.act,
        seq: input.seq,
        at: now,
        suggested: suggested as Act | null,
      };
      if (await store.append(annotation, stored)) {
        const written: Annotation = {
          ...annotation,
          turns: [...annotation.turns, { ...stored, playedBy: null }],
          turnCount: annotation.turnCount + 1,
          bobSeqs: [...annotation.bobSeqs, input.seq],
        };
        remember(task, lease, written);
        await afterAct(task, lease, written, next, now);
        return { seq: input.seq, turn, duplicate: false };
      }
      // Another write got in first (the same seq from another tab, Alice, or a change made
      // elsewhere to what this process remembered): look again.
      forget(input.taskId, workerId);
    }
    throw new ConflictError('The dialogue moved on meanwhile; resume the task to see it.');
  }

  /** Alice's reply when it is her turn: stored, then sent to the worker's sockets. */
  /**
   * Alice replies if it is her turn. Resolves with who answered (the task's kind of Alice, or
   * `astra-fallback` when ASTRA stood in), or null when there was nothing to say.
   */
  async function aliceMove(
    workerId: string,
    taskId: string,
    now = new Date(),
  ): Promise<string | null> {
    const { task, lease, annotation } =
      cached(taskId, workerId, now) ?? (await open(taskId, workerId, now));
    const state = replay(task, annotation);
    if (nextSpeaker(state) !== alice) {
      return null;
    }
    const turn = state.turns.length;
    const move = await agents.act(task, state, aliceSeed(taskId, workerId, turn));
    const aliceAct = move.value;
    const next = applyAct(state, alice, aliceAct);
    const turnStored = {
      speaker: alice,
      act: aliceAct,
      seq: null,
      at: now,
      suggested: null,
      playedBy: { ...move.playedBy, fallback: move.fallback },
    };
    if (!(await store.append(annotation, turnStored))) {
      forget(taskId, workerId);
      return null; // someone else moved first; their write stands
    }
    const written: Annotation = {
      ...annotation,
      turns: [...annotation.turns, turnStored],
      turnCount: annotation.turnCount + 1,
    };
    remember(task, lease, written);
    deps.notify.act(workerId, { taskId, speaker: seatOf(alice), act: aliceAct, turn });
    await afterAct(task, lease, written, next, now);
    return move.fallback === null ? task.alice.kind : 'astra-fallback';
  }

  /** When the acts are over, Alice selects at once; a walk-away ends the task outright. */
  async function afterAct(
    task: Task,
    lease: Lease,
    annotation: Annotation,
    state: DialogueState,
    now: Date,
  ) {
    if (state.outcome !== null) {
      await finish(task, annotation, state, { alice: null, bob: null }, now);
    } else if (state.endedBy !== null && annotation.aliceSelection === undefined) {
      const seed = aliceSeed(task._id.toHexString(), annotation.workerId, state.turns.length);
      const aliceSelection = (await agents.select(task, state, seed)).value;
      await store.setAliceSelection(annotation, aliceSelection);
      // Her selection is a function of the stored dialogue (seeded), so whoever wrote it first
      // wrote this value: the worker's selection can use it without reading it back.
      remember(task, lease, { ...annotation, aliceSelection });
    }
  }

  async function select(
    workerId: string,
    input: { taskId: string; allocation: Allocation | null },
    now = new Date(),
  ): Promise<TaskEndedEvent> {
    // The remembered dialogue first (no reads); if the write finds it changed, read it.
    const remembered = cached(input.taskId, workerId, now);
    for (const from of remembered === undefined ? [undefined] : [remembered, undefined]) {
      const { task, annotation } = from ?? (await open(input.taskId, workerId, now));
      let state = replay(task, annotation);
      try {
        state = applySelection(state, bob, input.allocation);
      } catch (error) {
        if (from !== undefined) {
          continue; // judged on what this process remembered: judge again on what is stored
        }
        throw error;
      }
      let aliceSelection = annotation.aliceSelection as Allocation | null | undefined;
      if (aliceSelection === undefined) {
        // Alice's selection is made when the acts end; made here if that write was lost.
        const seed = aliceSeed(input.taskId, workerId, state.turns.length);
        aliceSelection = (await agents.select(task, state, seed)).value;
        state = applySelection(state, alice, aliceSelection);
      }
      const selections = { alice: aliceSelection, bob: input.allocation };
      const ended = await finish(task, annotation, state, selections, now, from !== undefined);
      if (ended !== null) {
        return ended;
      }
    }
    throw new ActError('already_selected', 'you have already made your selection');
  }

  /**
   * Completes the annotation (Bob's selection and the outcome, by compare-and-set on its turn
   * count) and everything that follows. Null when the write found the annotation changed and
   * `remembered` says it was this process's copy: the caller reads it and tries again.
   */
  async function finish(
    task: Task,
    annotation: Annotation,
    state: DialogueState,
    selections: { alice: Allocation | null; bob: Allocation | null },
    now: Date,
    remembered = false,
  ): Promise<TaskEndedEvent | null> {
    const taskId = task._id.toHexString();
    if (state.outcome === null) {
      throw new Error('finish() needs an outcome');
    }
    forget(taskId, annotation.workerId);
    const completed = await store.complete(annotation, selections, state.outcome, now);
    if (completed === null) {
      if (remembered) {
        return null;
      }
      throw new ActError('already_selected', 'you have already made your selection');
    }
    try {
      await leasing.release(taskId, annotation.workerId, 'completed', now);
    } catch (error) {
      // The annotation is stored either way; a lease that ran out at this instant was already
      // returned to the queue, so the task may get one annotation more than its redundancy.
      if (!(error instanceof LeaseExpiredError)) {
        throw error;
      }
      deps.log.warn(
        { taskId, workerId: annotation.workerId },
        'lease ended as the annotation completed',
      );
    }
    await writeRecord(task, completed);
    // The checks are re-run by upkeep if this fails, so the worker's finish never waits on them.
    await deps.onCompleted?.(task, completed).catch((error: unknown) => {
      deps.log.warn({ err: error, taskId }, 'quality checks failed; upkeep will retry');
    });
    const ended = presentEnded(
      taskId,
      task.counts,
      state.outcome,
      await studyCompletion(deps.connection, annotation.workerId),
    );
    deps.notify.ended(annotation.workerId, ended);
    return ended;
  }

  async function writeRecord(task: Task, annotation: Annotation): Promise<void> {
    await storeDialogueRecord(deps.connection, annotationRecord(task, annotation), {
      taskId: task._id.toHexString(),
      roundId: task.roundId ?? null,
    });
    await store.model.updateOne({ _id: annotation._id }, { $set: { recordWritten: true } }).exec();
  }

  /** ASTRA's suggestion for Bob's next act, with its explanation; remembered for the record. */
  async function suggestFor(
    workerId: string,
    taskId: string,
    now = new Date(),
  ): Promise<SuggestionView> {
    const { task, annotation } = await open(taskId, workerId, now);
    if (task.evaluation !== null && task.evaluation !== undefined) {
      // The participant is measured against the agent unaided (and ASTRA may be that agent).
      throw new ConflictError('There are no suggestions in an evaluation study.');
    }
    const state = replay(task, annotation);
    const next = nextSpeaker(state);
    if (next !== bob) {
      throw next === null
        ? new ActError('dialogue_over', 'the acts are over; make your selection')
        : new ActError('not_your_turn', "it is Alice's turn");
    }
    const suggestion = suggest(astraStateFor(viewFor(state, bob)));
    await store.recordSuggestion(annotation, state.turns.length, suggestion.act, now);
    forget(taskId, workerId); // the next act reads the suggestion back, to record if it was followed
    return {
      act: suggestion.act,
      offer: suggestion.offer ?? null,
      summary: suggestion.explanation.summary,
      explanation: suggestion.explanation,
    };
  }

  return {
    open,
    act,
    aliceMove,
    select,
    suggest: suggestFor,
    writeRecord,
    remember,
    /** Loads the task's neural Alice ahead of her first reply (see AliceAgents.prepare). */
    prepareAlice: (task: Task) => agents.prepare(task),
    renewed,
    forget,
    /** Stops Alice's reply thread, once nothing will ask her again. */
    close: () => agents.close(),
  };
}

export type DialogueService = ReturnType<typeof createDialogueService>;
