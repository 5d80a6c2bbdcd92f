import type { Connection } from 'mongoose';
import type { Negotiator } from '../../shared/agents/negotiator';
import { viewFor } from '../../shared/agents/playDialogue';
import {
  isScriptedNegotiatorName,
  scriptedNegotiators,
} from '../../shared/agents/scripted/catalogue';
import { AstraNegotiator } from '../../shared/astra/astraNegotiator';
import type { Act } from '../../shared/dialogue/acts';
import type { DialogueState } from '../../shared/dialogue/dialogue';
import type { Allocation } from '../../shared/domain/types';
import type { AliceAgentView } from '../../shared/protocol/annotation';
import { createRng } from '../../shared/random/rng';
import { partnerLabel } from '../../shared/evaluation/counterbalance';
import type { ReplyThread } from '../../learning/replyThread/replyThread';
import { createCheckpointStore } from '../checkpoints/checkpointStore';
import type { Logger } from '../logger';
import type { Task } from '../tasks/taskModel';

const aliceSeat = 0;

/**
 * The live Alice of a task without a policy: a scripted negotiator or ASTRA (the task says
 * which; the view and the record say so too). A fresh negotiator is made for every reply,
 * seeded by (task, worker, turn), so a reply depends only on the stored dialogue: any server
 * process, or a restarted one, answers the same way. The scripted negotiators and ASTRA keep no
 * state between turns that the dialogue does not hold. A policy task's stand-in is ASTRA.
 */
export function aliceFor(task: Pick<Task, 'alice'>, seed: string): Negotiator {
  if (task.alice.kind === 'astra' || task.alice.kind === 'policy') {
    return new AstraNegotiator();
  }
  const name = task.alice.name;
  if (!isScriptedNegotiatorName(name)) {
    throw new Error(`task names an unknown scripted negotiator "${name}" for Alice`);
  }
  return scriptedNegotiators[name].create(createRng(seed));
}

export function aliceSeed(taskId: string, workerId: string, turn: number): string {
  return `${taskId}:${workerId}:${turn}`;
}

export function presentAlice(task: Pick<Task, 'alice' | 'evaluation'>): AliceAgentView {
  if (task.evaluation !== null && task.evaluation !== undefined) {
    // An evaluation is blind: the participant must not learn which agent this is.
    const label = partnerLabel(task.evaluation.position);
    return { kind: 'hidden', name: label, label };
  }
  switch (task.alice.kind) {
    case 'astra':
      return { kind: 'astra', name: 'astra', label: 'ASTRA (rule-based offer optimiser)' };
    case 'policy':
      return {
        kind: 'policy',
        name: task.alice.name,
        label: `Neural policy (checkpoint ${task.alice.name})`,
      };
    case 'scripted':
      return {
        kind: 'scripted',
        name: task.alice.name,
        label: `Scripted negotiator (${task.alice.name})`,
      };
  }
}

/** Who actually answered, and why the stand-in did when the task's policy could not. */
export interface AliceMove<T> {
  value: T;
  playedBy: { kind: string; name: string };
  /** Null when the task's own Alice answered; else why ASTRA stood in (timeout, load failure). */
  fallback: string | null;
}

export interface AliceAgents {
  act(task: Task, state: DialogueState, seed: string): Promise<AliceMove<Act>>;
  select(task: Task, state: DialogueState, seed: string): Promise<AliceMove<Allocation | null>>;
  /**
   * Starts loading the task's policy (a claim does, so that the first reply does not wait for
   * the thread and the checkpoint); a failed load is reported and tried again at the reply.
   */
  prepare(task: Task): void;
  /** Stops the policy replies' thread (if one was started). */
  close(): Promise<void>;
}

class AliceTimeout extends Error {
  override name = 'AliceTimeout';
}

/**
 * Alice's live replies. A round's task is played by its Alice checkpoint, loaded from GridFS
 * once per version per process into the reply thread (learning/replyThread: TensorFlow.js
 * starts there, and only when a round task is played); the act is sampled from the policy,
 * masked by the rules, seeded like the scripted replies. A reply is due within `turnTimeoutMs`
 * (loading included): a slower or failing policy is replaced by ASTRA for that turn, and the
 * move says so.
 */
export function createAliceAgents(deps: {
  connection: Connection;
  log: Logger;
  turnTimeoutMs: number;
}): AliceAgents {
  const store = createCheckpointStore(deps.connection);
  let thread: Promise<ReplyThread> | null = null;

  /** The reply thread with `version` loaded. */
  async function policyThread(version: string): Promise<ReplyThread> {
    thread ??= import('../../learning/replyThread/replyThread').then((m) => m.createReplyThread());
    const replies = await thread;
    await replies.load(version, async () => (await store.load(version)).bytes);
    return replies;
  }

  async function withinLimit<T>(work: () => Promise<T>): Promise<T> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new AliceTimeout(`no reply within ${deps.turnTimeoutMs} ms`)),
        deps.turnTimeoutMs,
      );
    });
    try {
      return await Promise.race([work(), timeout]);
    } finally {
      clearTimeout(timer);
    }
  }

  async function byPolicy<T>(
    task: Task,
    move: (replies: ReplyThread, version: string) => Promise<T>,
    standIn: () => T,
  ): Promise<AliceMove<T>> {
    const version = task.alice.name;
    try {
      const value = await withinLimit(async () => move(await policyThread(version), version));
      return { value, playedBy: { kind: 'policy', name: version }, fallback: null };
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      deps.log.warn({ version, reason }, 'neural Alice did not answer in time; ASTRA stands in');
      return { value: standIn(), playedBy: { kind: 'astra', name: 'astra' }, fallback: reason };
    }
  }

  return {
    async act(task, state, seed) {
      const standIn = () => aliceFor(task, seed).act(viewFor(state, aliceSeat));
      if (task.alice.kind !== 'policy') {
        return { value: standIn(), playedBy: { ...task.alice }, fallback: null };
      }
      return byPolicy(
        task,
        (replies, version) => replies.act(version, state, aliceSeat, seed),
        standIn,
      );
    },
    async select(task, state, seed) {
      const standIn = () => aliceFor(task, seed).select(viewFor(state, aliceSeat));
      if (task.alice.kind !== 'policy') {
        return { value: standIn(), playedBy: { ...task.alice }, fallback: null };
      }
      return byPolicy(
        task,
        (replies, version) => replies.select(version, state, aliceSeat),
        standIn,
      );
    },
    prepare(task) {
      if (task.alice.kind !== 'policy') {
        return;
      }
      const version = task.alice.name;
      policyThread(version).catch((error: unknown) =>
        deps.log.warn({ err: error, version }, 'the neural Alice could not be loaded ahead'),
      );
    },
    async close() {
      const started = thread;
      thread = null;
      await (await started)?.close();
    },
  };
}
