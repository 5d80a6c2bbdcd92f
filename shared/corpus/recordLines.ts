import { z } from 'zod';
import { dialogueRecordSchema, type DialogueRecord } from './dialogueRecord';

export type ParsedRecordLine = { ok: true; record: DialogueRecord } | { ok: false; error: string };

/** One JSONL line → a validated record, or a readable reason it is not one. */
export function parseRecordLine(line: string): ParsedRecordLine {
  let json: unknown;
  try {
    json = JSON.parse(line);
  } catch (error) {
    return { ok: false, error: `not JSON: ${(error as Error).message}` };
  }
  const result = dialogueRecordSchema.safeParse(json);
  return result.success
    ? { ok: true, record: result.data }
    : { ok: false, error: z.prettifyError(result.error).replaceAll('\n', ' ') };
}

/** A record as one JSONL line (no newline). */
export function formatRecordLine(record: DialogueRecord): string {
  return JSON.stringify(record);
}
