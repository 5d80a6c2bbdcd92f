import { z } from 'zod';
import type { Act } from '../dialogue/acts';

const allocation = z.array(z.number().int().min(0)).min(1);

/** A coarse dialogue act on the wire (shape only; the rules are the dialogue's). */
export const actSchema: z.ZodType<Act> = z.discriminatedUnion('type', [
  z.object({ type: z.literal('propose'), allocation }).strict(),
  z.object({ type: z.literal('insist'), allocation }).strict(),
  z.object({ type: z.literal('agree') }).strict(),
  z.object({ type: z.literal('disagree') }).strict(),
  z.object({ type: z.literal('end') }).strict(),
  z.object({ type: z.literal('walkaway') }).strict(),
  z.object({ type: z.literal('askPreference') }).strict(),
  z
    .object({
      type: z.literal('statePreference'),
      item: z.number().int().min(0),
      priority: z.enum(['high', 'medium', 'low']),
    })
    .strict(),
]);
