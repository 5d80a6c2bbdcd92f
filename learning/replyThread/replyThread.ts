import { Worker } from 'node:worker_threads';
import type { Act } from '../../shared/dialogue/acts';
import type { DialogueState } from '../../shared/dialogue/dialogue';
import type { AgentIndex, Allocation } from '../../shared/domain/types';
import type { ReplyRequest, ReplyResponse, WireDialogue } from './messages';

/** Alice's policy replies, computed on a thread of their own. */
export interface ReplyThread {
  /** Loads a checkpoint once per version (`bytes` is only called the first time). */
  load(version: string, bytes: () => Promise<Uint8Array>): Promise<void>;
  /** As `policyAct` (learning/policyReply.ts) with `createRng(seed)`. */
  act(
    version: string,
    state: DialogueState,
    agent: AgentIndex,
    seed: string,
    temperature?: number,
  ): Promise<Act>;
  /** As `policySelect`. */
  select(version: string, state: DialogueState, agent: AgentIndex): Promise<Allocation | null>;
  /** Ends the thread; requests still waiting fail. */
  close(): Promise<void>;
}

/** A request before it is numbered (distributed over the union's members). */
type Unnumbered<T> = T extends unknown ? Omit<T, 'id'> : never;

type Pending = { resolve: (value: unknown) => void; reject: (error: Error) => void };

/**
 * A policy reply is hundreds of small kernel calls (about 1.3 ms on WASM for a short dialogue);
 * on the server's own thread, every Socket.IO message and database reply that arrived meanwhile
 * waited behind it. Here the replies run on a worker thread, in arrival order, so the server's
 * thread only routes messages. The thread starts at the first load; if it dies, the requests it
 * held fail (the caller's stand-in answers) and the next load starts a fresh one.
 */
export function createReplyThread(): ReplyThread {
  let worker: Worker | null = null;
  let loaded = new Map<string, Promise<void>>();
  const pending = new Map<number, Pending>();
  let nextId = 1;

  function start(): Worker {
    const thread = new Worker(new URL('./threadEntry.js', import.meta.url));
    thread.unref();
    thread.on('message', (response: ReplyResponse) => {
      const waiting = pending.get(response.id);
      pending.delete(response.id);
      if (response.ok) {
        waiting?.resolve(response.value);
      } else {
        waiting?.reject(new Error(response.error));
      }
    });
    const died = (reason: string) => {
      if (worker !== thread) {
        return;
      }
      worker = null;
      loaded = new Map();
      for (const waiting of pending.values()) {
        waiting.reject(new Error(`the reply thread stopped: ${reason}`));
      }
      pending.clear();
    };
    thread.on('error', (error) => died(error.message));
    thread.on('exit', (code) => died(`exit code ${code}`));
    return thread;
  }

  function send<T>(request: Unnumbered<ReplyRequest>): Promise<T> {
    worker ??= start();
    const id = nextId++;
    const thread = worker;
    return new Promise<T>((resolve, reject) => {
      pending.set(id, { resolve: resolve as (value: unknown) => void, reject });
      thread.postMessage({ ...request, id });
    });
  }

  const wire = ({ domain, ...rest }: DialogueState): WireDialogue => ({
    ...rest,
    domainId: domain.id,
  });

  return {
    load(version, bytes) {
      let loading = loaded.get(version);
      if (loading === undefined) {
        loading = bytes().then((b) => send<void>({ kind: 'load', version, bytes: b }));
        loaded.set(version, loading);
        // A failed load is tried again on a later turn (the checkpoint may become ready).
        loading.catch(() => {
          if (loaded.get(version) === loading) {
            loaded.delete(version);
          }
        });
      }
      return loading;
    },
    act: (version, state, agent, seed, temperature = 1) =>
      send<Act>({ kind: 'act', version, state: wire(state), agent, seed, temperature }),
    select: (version, state, agent) =>
      send<Allocation | null>({ kind: 'select', version, state: wire(state), agent }),
    async close() {
      const thread = worker;
      if (thread !== null) {
        await thread.terminate();
      }
    },
  };
}
