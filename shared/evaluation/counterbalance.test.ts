import { describe, expect, it } from 'vitest';
import { getDomain } from '../domain/domains';
import { evaluationOrder, evaluationPlan, partnerLabel } from './counterbalance';

describe('evaluationOrder', () => {
  it('rotates the agents by the participant index (a cyclic Latin square)', () => {
    // Three agents A=0, B=1, C=2: participant 0 meets A B C, 1 meets B C A, 2 meets C A B.
    expect(evaluationOrder(0, 3, 1)).toEqual([0, 1, 2]);
    expect(evaluationOrder(1, 3, 1)).toEqual([1, 2, 0]);
    expect(evaluationOrder(2, 3, 1)).toEqual([2, 0, 1]);
    // The fourth participant starts the square again.
    expect(evaluationOrder(3, 3, 1)).toEqual([0, 1, 2]);
  });

  it('puts every agent at every position equally often over k consecutive participants', () => {
    const k = 4;
    // counts[position][agent] over participants 5..12 (two full squares, any starting index).
    const counts = Array.from({ length: k }, () => Array.from({ length: k }, () => 0));
    for (let p = 5; p < 5 + 2 * k; p++) {
      evaluationOrder(p, k, 1).forEach((agent, position) => {
        const row = counts[position];
        if (row === undefined) {
          throw new Error(`no position ${position}`);
        }
        row[agent] = (row[agent] ?? 0) + 1;
      });
    }
    expect(counts).toEqual(Array.from({ length: k }, () => [2, 2, 2, 2]));
  });

  it('meets each agent dialoguesPerModel times, in repeated rotations', () => {
    expect(evaluationOrder(1, 2, 2)).toEqual([1, 0, 1, 0]);
    expect(() => evaluationOrder(-1, 2, 1)).toThrow(RangeError);
    expect(() => evaluationOrder(0, 0, 1)).toThrow(RangeError);
  });
});

describe('evaluationPlan', () => {
  it('is the same for the same study and participant, with valid contexts', () => {
    const domain = getDomain('dealornodeal');
    const options = { studyId: 'st-1', participantIndex: 4, agentCount: 3, dialoguesPerModel: 1 };
    const plan = evaluationPlan(domain, options);
    expect(plan).toEqual(evaluationPlan(domain, options));
    expect(plan.map((d) => d.agentIndex)).toEqual([1, 2, 0]);
    expect(plan.flatMap((d) => domain.validateContext(d.context))).toEqual([]);
    expect(plan).not.toEqual(evaluationPlan(domain, { ...options, participantIndex: 7 }));
  });

  it("takes a study's listed contexts, each at most once per participant", () => {
    const domain = getDomain('dealornodeal');
    const listed = [
      {
        counts: [1, 2, 3],
        utilities: [
          [4, 0, 2],
          [0, 2, 2],
        ] as [number[], number[]],
      },
      {
        counts: [3, 1, 1],
        utilities: [
          [1, 5, 2],
          [2, 2, 2],
        ] as [number[], number[]],
      },
      {
        counts: [2, 2, 1],
        utilities: [
          [0, 0, 10],
          [5, 0, 0],
        ] as [number[], number[]],
      },
    ];
    const plan = evaluationPlan(domain, {
      studyId: 'st-2',
      participantIndex: 0,
      agentCount: 3,
      dialoguesPerModel: 1,
      contexts: listed,
    });
    // Three dialogues, three listed contexts: each once, in a seeded order.
    expect(plan.map((d) => listed.indexOf(d.context)).sort()).toEqual([0, 1, 2]);
  });

  it('labels partners by position, never by agent', () => {
    expect(partnerLabel(0)).toBe('Partner 1');
    expect(partnerLabel(2)).toBe('Partner 3');
  });
});
