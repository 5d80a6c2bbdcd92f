import { describe, expect, it } from 'vitest';
import { formatAct } from '../../dialogue/acts';
import { dialogueFromLine } from './dialogueFromLine';
import { readDealOrNoDealLine, type DealOrNoDealLine } from './lineFormat';

/** 2 books, 3 hats, 1 ball; the dialogue's turns as "YOU: …" / "THEM: …", THEM selecting. */
function lineOf(turns: string[], output = '<disagree>'): DealOrNoDealLine {
  const dialogue = [...turns, 'THEM: <selection>'].join(' <eos> ');
  const read = readDealOrNoDealLine(
    `<input> 2 1 3 2 1 2 </input> <dialogue> ${dialogue} </dialogue> <output> ${output} </output> <partner_input> 2 2 3 1 1 3 </partner_input>`,
  );
  if (!read.ok) {
    throw new Error(read.reason);
  }
  return read.line;
}
const acts = (line: DealOrNoDealLine) =>
  dialogueFromLine(line).turns.map((t) => `${t.speaker}:${formatAct(t.act)}`);
// YOU end up with the books and hats, THEM with the ball.
const deal = 'item0=2 item1=3 item2=0 item0=0 item1=0 item2=1';

describe('dialogueFromLine', () => {
  it("reads each side against its own latest offer and the other side's", () => {
    const line = lineOf([
      'YOU: i need the books',
      'THEM: i need the ball',
      'YOU: i need the books',
      'THEM: i want both books and all hats',
      'YOU: how about the books and one hat ?',
    ]);
    expect(acts(line)).toEqual([
      '0:propose(2,0,0)',
      '1:propose(0,0,1)',
      '0:insist(2,0,0)',
      '1:propose(2,3,0)',
      // Answering THEM's offer of books and hats: YOU offers THEM the books and a hat.
      '0:propose(0,2,1)',
      '1:end',
    ]);
    const mirrored = lineOf([
      'YOU: i want both books and all hats',
      'THEM: how about the books and one hat ?',
    ]);
    expect(acts(mirrored)).toEqual(['0:propose(2,3,0)', '1:propose(0,2,1)', '1:end']);
    const answered = lineOf([
      'THEM: i want both books and all hats',
      'YOU: how about the books and one hat ?',
    ]);
    expect(acts(answered)).toEqual(['1:propose(2,3,0)', '0:propose(0,2,1)', '1:end']);
  });

  it('restores an offer the parser missed when it was agreed to and the deal says what it was', () => {
    // "balls …" and "it all" name items (or all of them) but parse as no offer.
    for (const words of ['balls have 0 value on my end', 'you can have it all']) {
      const imported = dialogueFromLine(lineOf([`THEM: ${words}`, 'YOU: deal'], deal));
      expect(imported.repairedOffers).toBe(1);
      expect(imported.turns.map((t) => formatAct(t.act))).toEqual([
        'propose(0,0,1)',
        'agree',
        'end',
      ]);
    }
    // Repeating THEM's own earlier offer: an insist.
    const repeated = dialogueFromLine(
      lineOf(
        ['THEM: i need the ball', 'YOU: no', 'THEM: balls have 0 value on my end', 'YOU: deal'],
        deal,
      ),
    );
    expect(repeated.turns[2]?.act).toEqual({ type: 'insist', allocation: [0, 0, 1] });
    // Without a deal, or without item words, the turns stay as said.
    const noDeal = dialogueFromLine(lineOf(['THEM: balls have 0 value on my end', 'YOU: deal']));
    expect(noDeal.repairedOffers).toBe(0);
    const noItems = dialogueFromLine(lineOf(['THEM: hello there', 'YOU: deal'], deal));
    expect(noItems.repairedOffers).toBe(0);
    expect(noItems.selections).toEqual([
      [2, 3, 0],
      [0, 0, 1],
    ]);
  });

  it("calls a restored offer an insist only when it repeats the speaker's own latest offer", () => {
    const missed = 'THEM: balls have 0 value on my end';
    const restored = (turns: string[]) => {
      const imported = dialogueFromLine(lineOf(turns, deal));
      return imported.turns
        .filter((t) => t.text === missed.slice('THEM: '.length))
        .map((t) => formatAct(t.act));
    };
    // THEM's own earlier offer was something else: a new offer.
    expect(restored(['THEM: i need the books', 'YOU: no', missed, 'YOU: deal'])).toEqual([
      'propose(0,0,1)',
    ]);
    // THEM's latest offer, an insist, and a turn between that is no offer: still a repeat.
    expect(
      restored([
        'THEM: i need the ball',
        'YOU: no',
        'THEM: i need the ball',
        'YOU: no',
        'THEM: hmm',
        'YOU: no',
        missed,
        'YOU: deal',
      ]),
    ).toEqual(['insist(0,0,1)']);
    expect(
      restored(['THEM: i need the ball', 'YOU: no', 'THEM: hmm', 'YOU: no', missed, 'YOU: deal']),
    ).toEqual(['insist(0,0,1)']);
    // YOU's offer of the same numbers is not THEM's, and THEM's offer after the agree is later.
    expect(restored(['YOU: i need the ball', missed, 'YOU: deal'])).toEqual(['propose(0,0,1)']);
    expect(restored([missed, 'YOU: deal', 'THEM: i need the ball'])).toEqual(['propose(0,0,1)']);
  });

  it('restores nothing for an agree that answers an offer, or the same speaker', () => {
    const insisted = dialogueFromLine(
      lineOf(['THEM: i need the books', 'YOU: no', 'THEM: i need the books', 'YOU: deal'], deal),
    );
    expect(insisted.repairedOffers).toBe(0);
    expect(insisted.turns.map((t) => formatAct(t.act))).toEqual([
      'propose(2,0,0)',
      'disagree',
      'insist(2,0,0)',
      'agree',
      'end',
    ]);
    const ownAgree = dialogueFromLine(
      lineOf(['THEM: balls have 0 value on my end', 'THEM: deal'], deal),
    );
    expect(ownAgree.repairedOffers).toBe(0);
    expect(ownAgree.turns.map((t) => formatAct(t.act))).toEqual(['unknown', 'agree', 'end']);
  });
});
