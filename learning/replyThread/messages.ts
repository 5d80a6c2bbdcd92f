import type { Act } from '../../shared/dialogue/acts';
import type { DialogueState } from '../../shared/dialogue/dialogue';
import type { AgentIndex, Allocation, DomainId } from '../../shared/domain/types';

/** A dialogue as it crosses to the thread: its domain by id (a domain holds functions). */
export type WireDialogue = Omit<DialogueState, 'domain'> & { domainId: DomainId };

/** What the server asks of its reply thread (`replyThread.ts`); each request has an id. */
export type ReplyRequest =
  | { kind: 'load'; id: number; version: string; bytes: Uint8Array }
  | {
      kind: 'act';
      id: number;
      version: string;
      state: WireDialogue;
      agent: AgentIndex;
      seed: string;
      temperature: number;
    }
  | { kind: 'select'; id: number; version: string; state: WireDialogue; agent: AgentIndex };

/** The thread's answer to request `id`: its value, or the sentence of the error it met. */
export type ReplyResponse =
  | { id: number; ok: true; value: Act | Allocation | null }
  | { id: number; ok: false; error: string };
