import { describe, expect, it } from 'vitest';
import { dealContext } from '../testing/dialogues';
import { answerScoringLine, answerScoringQuery } from './scoringQuery';

const query = { domain: 'dealornodeal', ...dealContext };

describe('the outcomes contract', () => {
  it('scores a deal, with the frontier and the best joint score', () => {
    expect(answerScoringQuery({ ...query, allocation: [0, 2, 1] })).toEqual({
      scores: [7, 8],
      paretoOptimal: true,
      maxJoint: 16,
      // B values no hat, so A takes both hats; then each ball A takes is +1 for A and −2 for
      // B; taking the book too (+1, −4) only pays once B has no ball left to lose.
      frontier: [
        [6, 10],
        [7, 8],
        [8, 6],
        [9, 4],
        [10, 0],
      ],
    });
  });

  it('gives BATNA and no Pareto verdict without a deal', () => {
    const reply = answerScoringQuery({ ...query, allocation: null });
    expect(reply).toMatchObject({ scores: [0, 0], paretoOptimal: null, maxJoint: 16 });
    const casino = answerScoringQuery({
      domain: 'casino',
      counts: [3, 3, 3],
      utilities: [
        [5, 4, 3],
        [3, 4, 5],
      ],
      allocation: null,
    });
    // Food to A (15), firewood to B (15), water either way (12).
    expect(casino).toMatchObject({ scores: [5, 5], maxJoint: 42 });
  });

  it('answers a bad line with an error that says why', () => {
    expect(answerScoringLine('{')).toMatchObject({
      error: expect.stringMatching(/^not JSON/) as string,
    });
    expect(answerScoringQuery({ ...query })).toMatchObject({
      error: expect.stringMatching(/allocation/) as string,
    });
    expect(answerScoringQuery({ ...query, domain: 'chess', allocation: null })).toEqual({
      error: 'unknown domain "chess"',
    });
    expect(
      answerScoringQuery({
        ...query,
        utilities: [
          [1, 1, 1],
          [4, 0, 2],
        ],
        allocation: null,
      }),
    ).toEqual({
      error: "not a DealOrNoDeal context: agent 0's items must be worth 10 in total, not 6",
    });
    expect(answerScoringQuery({ ...query, allocation: [2, 0, 0] })).toEqual({
      error: 'allocation [2,0,0] does not fit the counts [1,2,3]',
    });
  });
});
