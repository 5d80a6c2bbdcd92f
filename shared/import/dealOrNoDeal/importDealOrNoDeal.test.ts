import { describe, expect, it } from 'vitest';
import { parseRecordLine, formatRecordLine } from '../../corpus/recordLines';
import { formatAct } from '../../dialogue/acts';
import { createDealOrNoDealImporter, importDealOrNoDeal } from './importDealOrNoDeal';

// 1 book, 3 hats, 2 balls. Side A values 4/0/3, side B 0/2/2.
const A = '1 4 3 0 2 3';
const B = '1 0 3 2 2 2';
const mirror = (dialogue: string) =>
  dialogue.replace(/\b(YOU|THEM):/g, (_, s: string) => (s === 'YOU' ? 'THEM:' : 'YOU:'));
const line = (input: string, partner: string, dialogue: string, output: string) =>
  `<input> ${input} </input> <dialogue> ${dialogue} </dialogue> <output> ${output} </output> <partner_input> ${partner} </partner_input>`;
/** The same dialogue written from both sides, as the original data has it. */
function bothSides(dialogue: string, you: number[] | string, them?: number[]): [string, string] {
  const items = (x: number[], y: number[]) =>
    [...x.map((n, i) => `item${i}=${n}`), ...y.map((n, i) => `item${i}=${n}`)].join(' ');
  const out =
    typeof you === 'string' ? [you, you] : [items(you, them ?? []), items(them ?? [], you)];
  return [line(A, B, dialogue, out[0] ?? ''), line(B, A, mirror(dialogue), out[1] ?? '')];
}
const noAgreement = Array(6).fill('<no_agreement>').join(' ');

const deal = bothSides(
  'YOU: i want the book and one ball , you can have the rest <eos> THEM: no , i need both balls <eos> ' +
    'YOU: fine , the book for me and everything else is yours <eos> THEM: deal <eos> YOU: <selection>',
  [1, 0, 0],
  [0, 3, 2],
);
const stalemate = bothSides(
  "THEM: i need the balls <eos> YOU: i can't give you the balls <eos> THEM: then no deal <eos> YOU: hmm , what now <eos> THEM: <selection>",
  noAgreement,
);

describe('importDealOrNoDeal', () => {
  it('merges the two sides of a dialogue into one record, parsing each utterance', () => {
    const { records, report } = importDealOrNoDeal(deal.join('\n'), 'data/val.txt');
    expect(records).toHaveLength(1);
    const [record] = records;
    expect(
      record?.turns.map((t) => [t.speaker, t.act.type === 'unknown' ? '?' : formatAct(t.act)]),
    ).toEqual([
      [0, 'propose(1,0,1)'],
      [1, 'propose(0,0,2)'],
      [0, 'propose(1,0,0)'],
      [1, 'agree'],
      [0, 'end'],
    ]);
    expect(record?.turns[0]?.text).toBe('i want the book and one ball , you can have the rest');
    expect(record).toMatchObject({
      id: 'dealornodeal-import-val.txt-1-2',
      domain: 'dealornodeal',
      context: {
        counts: [1, 3, 2],
        utilities: [
          [4, 0, 3],
          [0, 2, 2],
        ],
      },
      firstSpeaker: 0,
      selections: [
        [1, 0, 0],
        [0, 3, 2],
      ],
      outcome: { agreed: true, scores: [4, 10], paretoOptimal: true },
      source: 'import',
      provenance: { format: 'dealornodeal', file: 'data/val.txt', lines: [1, 2], output: 'items' },
    });
    expect(report).toEqual({
      lines: 2,
      dialogues: 1,
      turns: 4,
      parsedTurns: 4,
      questionTurns: 0,
      greetingTurns: 0,
      unknownTurns: 0,
      repairedOffers: 0,
      deals: 1,
      noDeals: 0,
      unpairedLines: 0,
      rejectedLines: 0,
      rejections: [],
    });
  });

  it('writes valid records, with the earlier line’s YOU as agent 0', () => {
    const { records } = importDealOrNoDeal([stalemate[1], stalemate[0]].join('\n'), 'f');
    const [record] = records;
    // Line 1 is side B's: B is agent 0, and B spoke first.
    expect(record?.context.utilities).toEqual([
      [0, 2, 2],
      [4, 0, 3],
    ]);
    expect(record?.firstSpeaker).toBe(0);
    // "i can't give you the balls" keeps them: a proposal, not a bare refusal.
    expect(record?.turns.map((t) => (t.act.type === 'unknown' ? '?' : formatAct(t.act)))).toEqual([
      'propose(0,0,2)',
      'propose(0,0,2)',
      'disagree',
      '?',
      'end',
    ]);
    expect(record?.outcome).toMatchObject({ agreed: false, scores: [0, 0] });
    expect(record?.provenance).toMatchObject({ lines: [1, 2], output: 'no_agreement' });
    for (const r of records) {
      expect(parseRecordLine(formatRecordLine(r))).toEqual({ ok: true, record: r });
    }
  });

  it('pairs sides that are not adjacent, and imports a side whose mirror never comes on its own', () => {
    const lonely = bothSides(
      'YOU: hi <eos> THEM: <selection>',
      Array(6).fill('<disconnect>').join(' '),
    )[0];
    const text = [deal[0], stalemate[0], lonely, '', deal[1], stalemate[1]].join('\n');
    const { records, report } = importDealOrNoDeal(text, 'f');
    expect(records.map((r) => (r.source === 'import' ? r.provenance.lines : []))).toEqual([
      [1, 5],
      [2, 6],
      [3],
    ]);
    expect(report).toMatchObject({
      lines: 5,
      dialogues: 3,
      unpairedLines: 1,
      deals: 1,
      noDeals: 2,
      rejectedLines: 0,
    });
    expect(report.turns).toBe(4 + 4 + 1);
    expect(report.parsedTurns + report.unknownTurns).toBe(report.turns);
  });

  it('rejects malformed lines with their number and reason, and goes on', () => {
    const badValues = line('1 4 3 0 2 2', B, 'YOU: hi <eos> THEM: <selection>', noAgreement);
    const tooMany = line(
      A,
      B,
      'YOU: hi <eos> THEM: <selection>',
      'item0=2 item1=0 item2=0 item0=0 item1=3 item2=2',
    );
    const text = ['garbage', deal[0], badValues, tooMany, deal[1]].join('\n');
    const { records, report } = importDealOrNoDeal(text, 'f');
    expect(records).toHaveLength(1);
    expect(report.lines).toBe(5);
    expect(report.rejectedLines).toBe(3);
    expect(report.rejections.map((r) => r.line)).toEqual([1, 3, 4]);
    expect(report.rejections[1]?.reason).toMatch(
      /not a DealOrNoDeal context: agent 0's items must be worth 10/,
    );
    expect(report.rejections[2]?.reason).toMatch(/selects more than there is/);
  });

  it('rejects a side whose output contradicts its mirror, keeping the first side', () => {
    const contradicting = line(
      B,
      A,
      mirror(deal[0].split('<dialogue> ')[1]?.split(' </dialogue>')[0] ?? ''),
      noAgreement,
    );
    const { records, report } = importDealOrNoDeal([deal[0], contradicting].join('\n'), 'f');
    expect(records).toHaveLength(1);
    expect(report.rejections).toEqual([
      { line: 2, reason: 'its other side (line 1) records a different <output>' },
    ]);
    expect(report.unpairedLines).toBe(1);
  });

  it('rejects a side whose items differ from its mirror’s on either side of the deal', () => {
    const dialogue =
      'YOU: the book for me , the rest for you <eos> THEM: deal <eos> YOU: <selection>';
    const [first] = bothSides(dialogue, [1, 0, 0], [0, 3, 2]);
    // The mirror's own share, then the share it records for the other side, disagree in turn.
    const wrongYou = bothSides(dialogue, [1, 0, 0], [0, 2, 2])[1];
    const wrongThem = bothSides(dialogue, [1, 1, 0], [0, 3, 2])[1];
    for (const mismatched of [wrongYou, wrongThem]) {
      const { records, report } = importDealOrNoDeal([first, mismatched].join('\n'), 'f');
      expect(records.map((r) => (r.source === 'import' ? r.provenance.lines : []))).toEqual([[1]]);
      expect(report.rejections).toEqual([
        { line: 2, reason: 'its other side (line 1) records a different <output>' },
      ]);
    }
  });

  it('pairs repeated sides one by one and imports the unpaired ones in line order', () => {
    // Line 1 and line 3 are the same side of one dialogue; line 4 pairs with line 1, leaving 3.
    const text = [deal[0], stalemate[0], deal[0], deal[1]].join('\n');
    const { records, report } = importDealOrNoDeal(text, 'f');
    expect(records.map((r) => (r.source === 'import' ? r.provenance.lines : []))).toEqual([
      [1, 4],
      [2],
      [3],
    ]);
    expect(report).toMatchObject({ lines: 4, dialogues: 3, unpairedLines: 2 });
  });

  it('skips lines of spaces without counting or rejecting them', () => {
    const { records, report } = importDealOrNoDeal([deal[0], '   \t ', deal[1]].join('\n'), 'f');
    expect(records).toHaveLength(1);
    expect(report).toMatchObject({ lines: 2, rejectedLines: 0, rejections: [] });
  });

  it('names every problem of a context, and the counts an output exceeds', () => {
    // Worth 11 to agent 0 and 9 to agent 1: two problems, joined in one sentence.
    const twoProblems = line(
      '1 5 3 0 2 3',
      '1 0 3 1 2 3',
      'YOU: hi <eos> THEM: <selection>',
      noAgreement,
    );
    const tooMany = line(
      A,
      B,
      'YOU: hi <eos> THEM: <selection>',
      'item0=2 item1=0 item2=0 item0=0 item1=3 item2=2',
    );
    const { report } = importDealOrNoDeal([twoProblems, tooMany].join('\n'), 'f');
    expect(report.rejections).toEqual([
      {
        line: 1,
        reason:
          "not a DealOrNoDeal context: agent 0's items must be worth 10 in total, not 11; agent 1's items must be worth 10 in total, not 9",
      },
      { line: 2, reason: '<output> selects more than there is (counts 1,3,2)' },
    ]);
  });

  it('streams: records come out as soon as a pair is complete', () => {
    const importer = createDealOrNoDealImporter('f');
    expect(importer.add(deal[0], 1)).toEqual([]);
    expect(importer.add(deal[1], 2)).toHaveLength(1);
    expect(importer.finish()).toEqual([]);
  });
});

describe('importDealOrNoDeal: missed offers', () => {
  it('restores the offer an agree answers from the deal, where the words name items', () => {
    // "i need 3 books" asks for more books than there are (1): the parser reads no offer, yet
    // THEM says "deal" to it; the deal says what YOU asked for.
    const [you, them] = bothSides(
      'YOU: i need 3 books and the balls to make it work <eos> THEM: deal <eos> YOU: <selection>',
      [1, 0, 2],
      [0, 3, 0],
    );
    const { records, report } = importDealOrNoDeal(`${you}\n${them}`, 'missed.txt');
    expect(records[0]?.turns.map((t) => formatAct(t.act))).toEqual([
      'propose(1,0,2)',
      'agree',
      'end',
    ]);
    expect(report.repairedOffers).toBe(1);
  });

  it('counts the questions and greetings among the parsed turns', () => {
    const [you, them] = bothSides(
      'YOU: hello <eos> THEM: hi , what do you want ? <eos> YOU: the books <eos> THEM: blarg <eos> YOU: <selection>',
      [1, 0, 2],
      [0, 3, 0],
    );
    const { records, report } = importDealOrNoDeal(`${you}\n${them}`, 'talk.txt');
    expect(records[0]?.turns.map((t) => formatAct(t.act))).toEqual([
      'greet',
      'inquire',
      'propose(1,0,0)',
      'unknown',
      'end',
    ]);
    expect(report).toMatchObject({
      turns: 4,
      parsedTurns: 3,
      questionTurns: 1,
      greetingTurns: 1,
      unknownTurns: 1,
    });
  });

  it('keeps an agree to words without items as said', () => {
    const [you, them] = bothSides(
      'YOU: what would you like ? <eos> THEM: ok <eos> YOU: <selection>',
      [1, 0, 2],
      [0, 3, 0],
    );
    const { records, report } = importDealOrNoDeal(`${you}\n${them}`, 'kept.txt');
    expect(records[0]?.turns.map((t) => formatAct(t.act))).toEqual(['inquire', 'agree', 'end']);
    expect(report.repairedOffers).toBe(0);
  });
});
