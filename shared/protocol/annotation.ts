import { z } from 'zod';
import type { Act } from '../dialogue/acts';
import { actSchema } from '../dialogue/actSchema';
import type { DomainId } from '../domain/types';
import type { Explanation } from '../astra/explanation';
import type { EvaluationTaskInfo } from './evaluation';

/** Task ids are MongoDB ObjectIds in hex; nothing else (no operators, no objects) gets through. */
export const taskIdSchema = z.string().regex(/^[a-f0-9]{24}$/, 'a task id (24 hex digits)');

// No domain has more than a handful of items or units; the bounds keep hostile payloads small.
const maxItems = 8;
const maxUnits = 100;

/** An act as a client may send it: the shared shape, with allocations of bounded size. */
export const wireActSchema = actSchema.refine(
  (act) =>
    !('allocation' in act) ||
    (act.allocation.length <= maxItems && act.allocation.every((n) => n <= maxUnits)),
  { message: `an allocation has at most ${maxItems} amounts of at most ${maxUnits}` },
);

export const claimPayloadSchema = z.strictObject({}).optional();
export const taskRefPayloadSchema = z.strictObject({ taskId: taskIdSchema });
export const actPayloadSchema = z.strictObject({
  taskId: taskIdSchema,
  /** The client's sequence number for this act: resending the same seq never acts twice. */
  seq: z.int().min(1).max(1_000_000),
  act: wireActSchema,
});
export const selectPayloadSchema = z.strictObject({
  taskId: taskIdSchema,
  /** Bob's own share, or null to declare no agreement. */
  allocation: z.array(z.int().min(0).max(maxUnits)).max(maxItems).nullable(),
});

export type ClaimPayload = z.infer<typeof claimPayloadSchema>;
export type TaskRefPayload = z.infer<typeof taskRefPayloadSchema>;
export type ActPayload = z.infer<typeof actPayloadSchema>;
export type SelectPayload = z.infer<typeof selectPayloadSchema>;

export type Seat = 'alice' | 'bob';

/**
 * Who plays Alice live: a round's trained policy (`name` = its checkpoint version), or, for
 * tasks outside rounds, a scripted agent or ASTRA.
 */
export interface AliceAgentView {
  /** `hidden`: an evaluation study's agent, named only "Partner <n>" (the study is blind). */
  kind: 'scripted' | 'astra' | 'policy' | 'hidden';
  name: string;
  /** What the annotation UI shows, e.g. "Scripted negotiator (boulware)". */
  label: string;
}

/**
 * What a worker sees of a task: the counts, only Bob's utilities (never Alice's), and the
 * dialogue so far. `turn` is the number of acts said so far.
 */
export interface TaskView {
  taskId: string;
  domain: DomainId;
  counts: number[];
  utilities: number[];
  history: { speaker: Seat; act: Act }[];
  /**
   * How many turns of `history` are the self-play prefix: the worker takes over Bob's seat at
   * this index. Bob's turns before it were said by the earlier (self-play) Bob, not the worker.
   */
  takeoverAt: number;
  turn: number;
  maxTurns: number;
  /** ISO time; heartbeats push it forward. */
  leaseExpiresAt: string;
  aliceAgent: AliceAgentView;
  /** An evaluation study's dialogue: its neutral label and the questionnaire that follows it. */
  evaluation?: EvaluationTaskInfo;
  /** negotiating: acts; selecting: the acts are over, Bob's selection is awaited. */
  phase: 'negotiating' | 'selecting' | 'done';
  nextSpeaker: Seat | null;
}

export interface ActAckData {
  seq: number;
  /** The index of this act in the dialogue (0-based, prefix included). */
  turn: number;
  /** True when this seq had been received before: nothing new was done. */
  duplicate: boolean;
}

export interface SelectAckData {
  /** True when the outcome is known (then `task:ended` follows). */
  ended: boolean;
}

export interface SuggestionView {
  act: Act;
  /** Bob's share under the suggested offer or the offer it accepts. */
  offer: number[] | null;
  summary: string;
  explanation: Explanation;
}

export interface HeartbeatAckData {
  leaseExpiresAt: string;
}

/** Server → client: an act was said (Alice's replies; also echoes of Bob's in other tabs). */
export interface DialogueActEvent {
  taskId: string;
  speaker: Seat;
  act: Act;
  turn: number;
}

export interface TaskEndedEvent {
  taskId: string;
  outcome: {
    agreed: boolean;
    walkedAway: boolean;
    /** Bob's share of the deal, or null without a deal. */
    bobShare: number[] | null;
    paretoOptimal: boolean | null;
  };
  scores: { bob: number; alice: number };
  /**
   * For a crowd participant who has now completed their study's tasks per participant: the
   * study's completion code, and where their platform wants them back (Prolific's link, MTurk's
   * `externalSubmit` form). Absent before that, and for everyone else.
   */
  completionCode?: string;
  completionUrl?: string;
  mturkSubmit?: { action: string; assignmentId: string };
}

export interface TaskExpiredEvent {
  taskId: string;
}
