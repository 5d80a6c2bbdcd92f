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

  it('lists each score pair of the frontier once, however many allocations reach it', () => {
    // Both agents value every item 2 (1 book, 2 hats, 2 balls: 10 each), so every split is on
    // the frontier and agent 0's score is twice the number of items it takes: 0, 2, …, 10, the
    // partner getting 10 minus that. Taking one item can be done 3 ways, two items 4 ways, …
    const reply = answerScoringQuery({
      domain: 'dealornodeal',
      counts: [1, 2, 2],
      utilities: [
        [2, 2, 2],
        [2, 2, 2],
      ],
      allocation: [1, 0, 1],
    });
    expect(reply).toEqual({
      scores: [4, 6],
      paretoOptimal: true,
      maxJoint: 10,
      frontier: [
        [0, 10],
        [2, 8],
        [4, 6],
        [6, 4],
        [8, 2],
        [10, 0],
      ],
    });
  });

  it('joins every problem of a context with "; ", and puts a schema error on one line', () => {
    // 4 + 4 + 4 = 12 items (more than 7), so agent 0's [1, 3, 1] is worth 4 + 12 + 4 = 20.
    expect(
      answerScoringQuery({
        ...query,
        counts: [4, 4, 4],
        utilities: [
          [1, 3, 1],
          [1, 1, 0],
        ],
        allocation: null,
      }),
    ).toEqual({
      error:
        'not a DealOrNoDeal context: there must be 5–7 items in total, not 12; ' +
        "agent 0's items must be worth 10 in total, not 20; " +
        "agent 1's items must be worth 10 in total, not 8",
    });
    // zod's two lines (the issue, then where it is) with the newline turned into a space.
    expect(answerScoringQuery({ ...query })).toEqual({
      error: '✖ Invalid input: expected array, received undefined   → at allocation',
    });
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
