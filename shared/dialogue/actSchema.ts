import { z } from 'zod';
import { priorityLevels, type ChosenAct } from './acts';

const allocation = z.array(z.int().min(0));

/**
 * The wire and file shape of one act (see docs/formats.md). Strict: an act carries nothing
 * else, so that every consumer (models, vocabulary, database) reads the same thing. Whether the
 * allocation fits a context is the rules' business (`actViolation`), not the shape's.
 */
export const actSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('propose'), allocation }),
  z.strictObject({ type: z.literal('insist'), allocation }),
  z.strictObject({ type: z.literal('agree') }),
  z.strictObject({ type: z.literal('disagree') }),
  z.strictObject({ type: z.literal('end') }),
  z.strictObject({ type: z.literal('walkaway') }),
  z.strictObject({ type: z.literal('askPreference') }),
  z.strictObject({
    type: z.literal('statePreference'),
    item: z.int().min(0),
    priority: z.enum(priorityLevels as readonly ['high', 'medium', 'low']),
  }),
]) satisfies z.ZodType<ChosenAct>;
