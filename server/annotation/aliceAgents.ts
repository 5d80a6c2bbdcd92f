import type { Negotiator } from '../../shared/agents/negotiator';
import {
  isScriptedNegotiatorName,
  scriptedNegotiators,
} from '../../shared/agents/scripted/catalogue';
import { AstraNegotiator } from '../../shared/astra/astraNegotiator';
import type { AliceAgentView } from '../../shared/protocol/annotation';
import { createRng } from '../../shared/random/rng';
import type { Task } from '../tasks/taskModel';

/**
 * The live Alice of a task. Until trained checkpoints are wired in, Alice is a scripted
 * negotiator or ASTRA (the task says which; the view and the record say so too). A fresh
 * negotiator is made for every reply, seeded by (task, worker, turn), so a reply depends only
 * on the stored dialogue: any server process, or a restarted one, answers the same way. The
 * scripted negotiators and ASTRA keep no state between turns that the dialogue does not hold.
 */
export function aliceFor(task: Pick<Task, 'alice'>, seed: string): Negotiator {
  if (task.alice.kind === 'astra') {
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

export function presentAlice(task: Pick<Task, 'alice'>): AliceAgentView {
  return task.alice.kind === 'astra'
    ? { kind: 'astra', name: 'astra', label: 'ASTRA (rule-based offer optimiser)' }
    : {
        kind: 'scripted',
        name: task.alice.name,
        label: `Scripted negotiator (${task.alice.name})`,
      };
}
