import type { Act } from '../../shared/dialogue/acts';
import type { Ack } from '../../shared/protocol/ack';
import type { TaskEndedEvent, TaskView } from '../../shared/protocol/annotation';
import type { Rng } from '../../shared/random/rng';
import { nextEvent, request, type AnnotateClient } from './annotateClient';

/** The ack's data, or an error naming what failed. */
export function okData<T>(ack: Ack<T>, what: string): T {
  if (!ack.ok) {
    throw new Error(`${what}: ${ack.error.code} ${ack.error.message}`);
  }
  return ack.data;
}

/**
 * A simulated participant's next act in Bob's seat: agree to Alice's latest offer half the time,
 * end once agreed or after three offers of their own, otherwise propose a random split.
 */
export function humanAct(view: TaskView, rng: Rng, agreed: boolean): Act {
  const own = view.history.filter((t) => t.speaker === 'bob').length;
  const last = view.history.at(-1);
  if (agreed || own >= 3) {
    return { type: 'end' };
  }
  if (
    last?.speaker === 'alice' &&
    (last.act.type === 'propose' || last.act.type === 'insist') &&
    rng.chance(0.5)
  ) {
    return { type: 'agree' };
  }
  return { type: 'propose', allocation: view.counts.map((c) => rng.int(0, c)) };
}

/**
 * Negotiates one claimed dialogue to its end over the socket, acting only on acks and pushed
 * events: after each act a `task:resume` lets Alice answer, so the view it returns is Bob's turn
 * again or the selection. Resolves with the `task:ended` event.
 */
export async function negotiate(
  socket: AnnotateClient,
  first: TaskView,
  rng: Rng,
): Promise<TaskEndedEvent> {
  const taskId = first.taskId;
  const ended = nextEvent(socket, 'task:ended');
  let view = first;
  let agreedTo: number[] | null = null;
  let seq = 0;
  while (view.phase === 'negotiating') {
    if (view.nextSpeaker !== 'bob') {
      throw new Error(`after a resume it is ${String(view.nextSpeaker)}'s turn, not Bob's`);
    }
    const act = humanAct(view, rng, agreedTo !== null);
    const last = view.history.at(-1)?.act;
    const answer = await request(socket, 'dialogue:act', { taskId, seq: ++seq, act });
    if (!answer.ok) {
      // The rules refused it (e.g. an offer Alice's last act does not allow): end instead.
      okData(
        await request(socket, 'dialogue:act', { taskId, seq: ++seq, act: { type: 'end' } }),
        'end after a refused act',
      );
    } else if (act.type === 'agree' && last !== undefined && 'allocation' in last) {
      agreedTo = view.counts.map((c, i) => c - (last.allocation[i] ?? 0));
    }
    const resumed = await request<TaskView>(socket, 'task:resume', { taskId });
    if (!resumed.ok && resumed.error.code === 'lease_expired') {
      return ended; // Alice ended it (a walk-away): the task is over
    }
    view = okData(resumed, 'resume');
  }
  okData(await request(socket, 'dialogue:select', { taskId, allocation: agreedTo }), 'select');
  return ended;
}

/** Answers to the default questionnaire (shared/protocol/evaluation.ts), drawn from `rng`. */
export function defaultAnswers(rng: Rng, comment: string): Record<string, number | string> {
  return {
    advantage: rng.int(1, 5),
    fairness: rng.int(1, 5),
    pareto: rng.int(1, 5),
    novelty: rng.int(1, 5),
    humanlike: rng.int(1, 5),
    quality: rng.int(1, 5),
    comment,
  };
}
