import { parentPort } from 'node:worker_threads';
import type { Act } from '../../shared/dialogue/acts';
import type { DialogueState } from '../../shared/dialogue/dialogue';
import { getDomain } from '../../shared/domain/domains';
import type { Allocation } from '../../shared/domain/types';
import { createRng } from '../../shared/random/rng';
import { deserializePolicy } from '../checkpoint';
import type { Policy } from '../policyNetwork';
import { policyAct, policySelect } from '../policyReply';
import { initTensorflowForReplies } from '../tensorflowBackend';
import type { ReplyRequest, ReplyResponse } from './messages';

/**
 * The reply thread's side: holds the loaded policies and answers one request at a time, in
 * arrival order, with exactly the code a reply on the server's own thread would run.
 */
const port = parentPort;
if (port === null) {
  throw new Error(
    'threadMain.ts runs only as a worker thread (learning/replyThread/replyThread.ts)',
  );
}
const policies = new Map<string, Policy>();

async function answer(request: ReplyRequest): Promise<Act | Allocation | null | void> {
  if (request.kind === 'load') {
    if (!policies.has(request.version)) {
      const { tf } = await initTensorflowForReplies();
      policies.set(request.version, deserializePolicy(tf, request.bytes).policy);
    }
    return;
  }
  const policy = policies.get(request.version);
  if (policy === undefined) {
    throw new Error(`policy ${request.version} is not loaded in the reply thread`);
  }
  const { domainId, ...rest } = request.state;
  const state: DialogueState = { ...rest, domain: getDomain(domainId) };
  return request.kind === 'act'
    ? policyAct(policy, state, request.agent, createRng(request.seed), request.temperature)
    : policySelect(policy, state, request.agent);
}

let queue = Promise.resolve();
port.on('message', (request: ReplyRequest) => {
  queue = queue.then(async () => {
    let response: ReplyResponse;
    try {
      response = { id: request.id, ok: true, value: (await answer(request)) ?? null };
    } catch (error) {
      response = {
        id: request.id,
        ok: false,
        error: error instanceof Error ? error.message : String(error),
      };
    }
    port.postMessage(response);
  });
});
