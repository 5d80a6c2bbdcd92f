import { z } from 'zod';
import { domainIds } from '../domain/domains';

/**
 * Evaluation studies (issue 17, the paper's §6.2): each participant negotiates, in Bob's seat,
 * once (or `dialoguesPerModel` times) with every compared agent, which plays Alice's seat live
 * without being named, and answers a questionnaire after each dialogue.
 */

/**
 * An agent a study compares, by the name a researcher gives it: `astra`, `scripted:<name>` (a
 * scripted negotiator of shared/agents/scripted/catalogue.ts), or a checkpoint version (a
 * round's or experiment's policy, the Expert).
 */
export const evaluationAgentSchema = z
  .string()
  .min(1)
  .max(100)
  .regex(/^[A-Za-z0-9:._-]+$/, 'astra, scripted:<name> or a checkpoint version');

export type EvaluationAgentRef =
  | { kind: 'astra'; name: 'astra' }
  | { kind: 'scripted'; name: string }
  | { kind: 'policy'; name: string };

/** What plays Alice's seat for an agent name (the same kinds as any live task's Alice). */
export function evaluationAgentOf(name: string): EvaluationAgentRef {
  if (name === 'astra') {
    return { kind: 'astra', name: 'astra' };
  }
  if (name.startsWith('scripted:')) {
    return { kind: 'scripted', name: name.slice('scripted:'.length) };
  }
  return { kind: 'policy', name };
}

/** A 5-point Likert item (1 = strongly disagree … 5 = strongly agree) or an open question. */
export const questionSchema = z.strictObject({
  id: z.string().regex(/^[a-z][a-z0-9_]{0,39}$/, 'lower-case letters, digits or _'),
  text: z.string().trim().min(1).max(300),
  kind: z.enum(['likert', 'open']),
});
export type Question = z.infer<typeof questionSchema>;

export const likertMin = 1;
export const likertMax = 5;

/**
 * The paper's kinds of questions (§6.2): the agent's perceived advantage, fairness and Pareto
 * optimality of the deal, novelty / human-likeness, the overall quality of the negotiator, and
 * one open question. A study may replace the list.
 */
export const defaultQuestionnaire: readonly Question[] = [
  {
    id: 'advantage',
    text: 'My partner got the better side of this negotiation.',
    kind: 'likert',
  },
  { id: 'fairness', text: 'The outcome was fair to both of us.', kind: 'likert' },
  {
    id: 'pareto',
    text: 'No other deal would have been better for one of us without being worse for the other.',
    kind: 'likert',
  },
  { id: 'novelty', text: 'My partner negotiated in ways I did not expect.', kind: 'likert' },
  { id: 'humanlike', text: 'My partner negotiated like a human would.', kind: 'likert' },
  { id: 'quality', text: 'My partner is a good negotiator.', kind: 'likert' },
  { id: 'comment', text: 'Anything else about this partner?', kind: 'open' },
];

export const questionnaireSchema = z
  .array(questionSchema)
  .min(1)
  .max(20)
  .refine((qs) => new Set(qs.map((q) => q.id)).size === qs.length, {
    message: 'question ids must be distinct',
  });

/**
 * A context as a study lists it (the domain's own rules check it on the server): the counts and
 * both sides' utilities, Alice's (the agent's) first.
 */
export const evaluationContextSchema = z.strictObject({
  counts: z.array(z.int().min(0).max(100)).min(1).max(8),
  utilities: z.tuple([
    z.array(z.int().min(0).max(100)).min(1).max(8),
    z.array(z.int().min(0).max(100)).min(1).max(8),
  ]),
});

/** The evaluation part of a study: what `POST /api/studies` takes under `evaluation`. */
export const evaluationSettingsSchema = z.strictObject({
  domain: z.enum(domainIds),
  /** The compared agents (see `evaluationAgentSchema`); at least two to compare. */
  checkpoints: z
    .array(evaluationAgentSchema)
    .min(1)
    .max(20)
    .refine((names) => new Set(names).size === names.length, {
      message: 'each agent once',
    }),
  /** Negotiations with each agent per participant. */
  dialoguesPerModel: z.number().int().min(1).max(10).default(1),
  questionnaire: questionnaireSchema.default(() => defaultQuestionnaire.map((q) => ({ ...q }))),
  /**
   * The contexts to negotiate over (e.g. a test split's); null: fresh contexts drawn from the
   * domain's generator. Each participant gets them in a seeded random order.
   */
  contexts: z.array(evaluationContextSchema).min(1).max(5000).nullable().default(null),
});
export type EvaluationSettings = z.output<typeof evaluationSettingsSchema>;

/** What the workspace is told of an evaluation dialogue: a neutral label, never the agent. */
export interface EvaluationTaskInfo {
  /** "Partner 1", "Partner 2", … in the participant's order. */
  partner: string;
  /** 0-based position in the participant's order, and how many dialogues they have. */
  position: number;
  of: number;
  questionnaire: Question[];
}

/** `evaluation:rate`: the answers to the questionnaire after a finished evaluation dialogue. */
export const ratePayloadSchema = z.strictObject({
  // As annotation.ts's taskIdSchema (not imported: that module names this one's types).
  taskId: z.string().regex(/^[a-f0-9]{24}$/, 'a task id (24 hex digits)'),
  answers: z.record(
    z.string().regex(/^[a-z][a-z0-9_]{0,39}$/),
    z.union([z.int().min(likertMin).max(likertMax), z.string().max(2000)]),
  ),
});
export type RatePayload = z.infer<typeof ratePayloadSchema>;

/** The rating's ack: what is left, and the completion once every dialogue is rated. */
export interface RateAckData {
  remaining: number;
  completionCode?: string;
  completionUrl?: string;
  mturkSubmit?: { action: string; assignmentId: string };
}

/** One estimate with its 95 % confidence interval half-width (null for n < 2). */
export interface EstimateView {
  mean: number;
  ci95: number | null;
  n: number;
}

/** Per agent, against the humans who negotiated with it. */
export interface EvaluationAgentResult {
  agent: string;
  dialogues: number;
  /** Agent score − human score, per dialogue (0 − 0 without a deal). */
  advantage: EstimateView | null;
  /** Share of dialogues that ended in a deal (0/1 per dialogue). */
  agreement: EstimateView | null;
  /** Share of deals that are Pareto-optimal (0/1 per deal). */
  paretoOptimal: EstimateView | null;
  agentScore: EstimateView | null;
  humanScore: EstimateView | null;
  /** Per Likert question id: the mean rating. */
  ratings: Record<string, EstimateView | null>;
}

export interface EvaluationResultsView {
  studyId: string;
  questionnaire: Question[];
  agents: EvaluationAgentResult[];
  /** Participants with at least one finished dialogue. */
  participants: number;
}

/** `GET /api/studies/:studyId/dialogues`: the export's format. */
export const evaluationExportQuerySchema = z.strictObject({
  format: z.enum(['jsonl', 'csv']).default('jsonl'),
});
