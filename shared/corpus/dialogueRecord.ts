import { z } from 'zod';
import { isValidAllocation } from '../domain/allocation';
import { domainIds, getDomain } from '../domain/domains';
import type { DomainId } from '../domain/types';
import { actSchema } from '../dialogue/actSchema';
import { talkActTypes } from '../dialogue/acts';
import { outcomesEqual, resolveOutcome } from '../dialogue/outcome';

/** The current version of the dialogue record format (docs/formats.md). */
export const dialogueRecordVersion = 1;

export const dialogueSources = ['synthetic', 'import', 'selfplay', 'annotation'] as const;
export type DialogueSource = (typeof dialogueSources)[number];

const agentIndex = z.union([z.literal(0), z.literal(1)]);
const allocation = z.array(z.int().min(0));

/** A talk act (`talkActTypes`): a greeting, a question, or an utterance the importer could not map. */
export const talkActSchema = z.strictObject({ type: z.enum(talkActTypes) });

const turnSchema = z.strictObject({
  speaker: agentIndex,
  act: z.union([actSchema, talkActSchema]),
  /** The natural-language utterance, when there was one (imports, annotations). */
  text: z.string().optional(),
});

const outcomeSchema = z.strictObject({
  agreed: z.boolean(),
  walkedAway: z.boolean(),
  allocation: allocation.nullable(),
  scores: z.tuple([z.number(), z.number()]),
  paretoOptimal: z.boolean().nullable(),
});

const base = {
  version: z.literal(dialogueRecordVersion),
  id: z.string().min(1),
  domain: z.enum(domainIds as [DomainId, ...DomainId[]]),
  context: z.strictObject({
    counts: z.array(z.int().min(0)),
    utilities: z.tuple([z.array(z.number()), z.array(z.number())]),
  }),
  firstSpeaker: agentIndex,
  turns: z.array(turnSchema),
  /** Each agent's final selection (its own share), null for none / no agreement. */
  selections: z.tuple([allocation.nullable(), allocation.nullable()]),
  outcome: outcomeSchema,
};

/** Where a record came from; the fields depend on the source. */
export const provenanceSchemas = {
  synthetic: z.strictObject({
    generator: z.string(),
    seed: z.union([z.string(), z.number()]),
    /** The dialogue's index in its corpus: with the seed, it replays the dialogue. */
    index: z.int().min(0),
    negotiators: z.tuple([z.string(), z.string()]),
    population: z.string().optional(),
  }),
  import: z.strictObject({
    format: z.literal('dealornodeal'),
    file: z.string(),
    /** 1-based line numbers of the perspectives merged into this record (one or two). */
    lines: z.array(z.int().min(1)).min(1).max(2),
    /** What the original `<output>` said. */
    output: z.enum(['items', 'disagree', 'no_agreement', 'disconnect']),
  }),
  // Written by parts of Parley still to come; the known fields are typed, others allowed.
  selfplay: z.looseObject({
    models: z.tuple([z.string(), z.string()]).optional(),
    seed: z.union([z.string(), z.number()]).optional(),
    round: z.string().optional(),
  }),
  annotation: z.looseObject({
    taskId: z.string().optional(),
    annotator: z.string().optional(),
    /** The self-play dialogue the annotator continued, and the turn it was cut at. */
    parentId: z.string().optional(),
    cutAt: z.int().min(0).optional(),
  }),
} as const;

export const dialogueRecordSchema = z
  .discriminatedUnion('source', [
    z.strictObject({
      ...base,
      source: z.literal('synthetic'),
      provenance: provenanceSchemas.synthetic,
    }),
    z.strictObject({ ...base, source: z.literal('import'), provenance: provenanceSchemas.import }),
    z.strictObject({
      ...base,
      source: z.literal('selfplay'),
      provenance: provenanceSchemas.selfplay,
    }),
    z.strictObject({
      ...base,
      source: z.literal('annotation'),
      provenance: provenanceSchemas.annotation,
    }),
  ])
  .superRefine((record, ctx) => {
    for (const message of recordProblems(record)) {
      ctx.addIssue({ code: 'custom', message });
    }
  });

export type DialogueRecord = z.infer<typeof dialogueRecordSchema>;
export type RecordTurn = DialogueRecord['turns'][number];
export type RecordAct = RecordTurn['act'];
export type Provenance<S extends DialogueSource> = z.infer<(typeof provenanceSchemas)[S]>;

/** What the shape cannot say: the record must agree with its domain and with itself. */
function recordProblems(record: DialogueRecord): string[] {
  const domain = getDomain(record.domain);
  const { counts } = record.context;
  const problems = domain.validateContext(record.context).map((p) => `context: ${p}`);
  if (problems.length > 0) {
    return problems;
  }
  record.turns.forEach((turn, i) => {
    const act = turn.act;
    if (
      (act.type === 'propose' || act.type === 'insist') &&
      !isValidAllocation(counts, act.allocation)
    ) {
      problems.push(
        `turn ${i}: ${act.type}(${act.allocation.join(',')}) does not fit the counts ${counts.join(',')}`,
      );
    }
    if (act.type === 'walkaway' && !domain.supportsWalkaway) {
      problems.push(`turn ${i}: ${domain.name} has no walk-away`);
    }
    if (
      (act.type === 'askPreference' || act.type === 'statePreference') &&
      !domain.supportsPreferences
    ) {
      problems.push(`turn ${i}: ${domain.name} has no preference acts`);
    }
    if (act.type === 'statePreference' && act.item >= domain.items.length) {
      problems.push(`turn ${i}: item ${act.item} is not one of the ${domain.items.length} items`);
    }
  });
  record.selections.forEach((selection, agent) => {
    if (selection !== null && !isValidAllocation(counts, selection)) {
      problems.push(`selection of agent ${agent} does not fit the counts ${counts.join(',')}`);
    }
  });
  if (problems.length === 0) {
    const expected = resolveOutcome(
      domain,
      record.context,
      record.selections,
      record.outcome.walkedAway,
    );
    if (!outcomesEqual(expected, record.outcome)) {
      problems.push(
        `outcome ${JSON.stringify(record.outcome)} does not follow from the selections: expected ${JSON.stringify(expected)}`,
      );
    }
  }
  return problems;
}
