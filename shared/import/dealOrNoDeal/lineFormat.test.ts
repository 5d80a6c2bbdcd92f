import { describe, expect, it } from 'vitest';
import { readDealOrNoDealLine } from './lineFormat';

// 1 book, 3 hats, 2 balls. YOU values 4/0/3, THEM 0/2/2 (both sum to 10).
const line = (dialogue: string, output: string, input = '1 4 3 0 2 3', partner = '1 0 3 2 2 2') =>
  `<input> ${input} </input> <dialogue> ${dialogue} </dialogue> <output> ${output} </output> <partner_input> ${partner} </partner_input>`;
const reason = (text: string) => {
  const r = readDealOrNoDealLine(text);
  return r.ok ? null : r.reason;
};

describe('readDealOrNoDealLine', () => {
  it('reads contexts, utterances, who selected, and the output', () => {
    const r = readDealOrNoDealLine(
      line(
        'THEM: the hats and a ball for me ? <eos> YOU: ok <eos> THEM: <selection>',
        'item0=1 item1=0 item2=1 item0=0 item1=3 item2=1',
      ),
    );
    expect(r).toMatchObject({
      ok: true,
      line: {
        counts: [1, 3, 2],
        values: [
          [4, 0, 3],
          [0, 2, 2],
        ],
        utterances: [
          { speaker: 'THEM', text: 'the hats and a ball for me ?' },
          { speaker: 'YOU', text: 'ok' },
        ],
        selectedBy: 'THEM',
        output: { kind: 'items', you: [1, 0, 1], them: [0, 3, 1] },
      },
    });
  });

  it('reads the no-deal outputs', () => {
    for (const kind of ['no_agreement', 'disagree', 'disconnect'] as const) {
      const r = readDealOrNoDealLine(
        line('YOU: no deal <eos> THEM: <selection>', Array(6).fill(`<${kind}>`).join(' ')),
      );
      expect(r.ok && r.line.output).toEqual({ kind });
    }
  });

  it('says why a line is malformed', () => {
    expect(reason('hello')).toMatch(/^not <input> … <\/input>/);
    expect(reason(line('YOU: hi <eos> THEM: <selection>', 'item0=1', '1 4 3 0 2'))).toMatch(
      /<input> must hold six whole numbers/,
    );
    expect(
      reason(line('YOU: hi <eos> THEM: <selection>', '<disagree>', '1 4 3 0 2 3', '1 0 3 2 2 x')),
    ).toMatch(/<partner_input>/);
    expect(
      reason(line('YOU: hi <eos> THEM: <selection>', '<disagree>', '1 4 3 0 2 3', '2 0 3 2 2 2')),
    ).toMatch(/different counts \(1,3,2 vs 2,3,2\)/);
    expect(reason(line('YOU: hi <eos> THEM: hello', '<disagree>'))).toMatch(/does not end with/);
    expect(reason(line('YOU: hi <eos> ME: hello <eos> THEM: <selection>', '<disagree>'))).toMatch(
      /turn 2 does not start with/,
    );
    expect(
      reason(line('YOU: <selection> <eos> THEM: hi <eos> YOU: <selection>', '<disagree>')),
    ).toBe('<selection> in turn 1 is not the last turn');
    expect(reason(line('YOU: hi <eos> THEM: <selection>', 'item0=1 item1=0 item2=1'))).toBe(
      '<output> must be item0=a item1=b item2=c twice, or <disagree>/<no_agreement>/<disconnect>, not "item0=1 item1=0 item2=1"',
    );
    expect(reason(line('YOU: hi <eos> THEM: <selection>', '<disagree> <no_agreement>'))).toBe(
      '<output> mixes markers: "<disagree> <no_agreement>"',
    );
  });

  it('reads any spacing the same way, and keeps one normalised form of each raw part', () => {
    const spaced =
      '  <input>1  4 3\t0 2 3</input><dialogue>  THEM:the hats   for me<eos>YOU:  ok  <eos>  THEM: <selection>  </dialogue>' +
      '<output>item0=1  item1=0 item2=1 item0=0 item1=3 item2=1</output> <partner_input> 1 0 3 2 2 2 </partner_input>  ';
    const r = readDealOrNoDealLine(spaced);
    expect(r).toMatchObject({
      ok: true,
      line: {
        counts: [1, 3, 2],
        utterances: [
          // Trimmed; the words are split by the utterance parser, spacing and all.
          { speaker: 'THEM', text: 'the hats   for me' },
          { speaker: 'YOU', text: 'ok' },
        ],
        output: { kind: 'items', you: [1, 0, 1], them: [0, 3, 1] },
        raw: {
          input: '1 4 3 0 2 3',
          partnerInput: '1 0 3 2 2 2',
          dialogue: 'THEM:the hats for me <eos> YOU: ok <eos> THEM: <selection>',
        },
      },
    });
    // The same line written tidily normalises to the same raw parts.
    const tidy = readDealOrNoDealLine(
      line(
        'THEM:the hats for me <eos> YOU: ok <eos> THEM: <selection>',
        'item0=1 item1=0 item2=1 item0=0 item1=3 item2=1',
      ),
    );
    expect(tidy.ok && tidy.line.raw).toEqual(r.ok && r.line.raw);
  });

  it('refuses numbers that are not whole, parts of the wrong length, and words beside <selection>', () => {
    const ok = 'YOU: hi <eos> THEM: <selection>';
    expect(reason(line(ok, '<disagree>', '1 4 3 0 2 3.5'))).toBe(
      '<input> must hold six whole numbers (count, value for book, hat, ball), not "1 4 3 0 2 3.5"',
    );
    expect(reason(line(ok, '<disagree>', '1 4 3 0 2 x3'))).toMatch(/<input> must hold six/);
    // Two-digit numbers are whole numbers too: a book worth all 10 points.
    const ten = readDealOrNoDealLine(line(ok, '<disagree>', '1 10 3 0 2 0', '1 0 3 2 2 2'));
    expect(ten.ok && ten.line.values[0]).toEqual([10, 0, 0]);
    expect(reason(line(ok, '<disagree>', '1 4 3 0 2 3', '1 0 3 2 2'))).toBe(
      '<partner_input> must hold six whole numbers, not "1 0 3 2 2"',
    );
    expect(reason(line('YOU: hi <selection> <eos> THEM: <selection>', '<disagree>'))).toBe(
      'dialogue turn 1 mixes words and <selection>',
    );
    expect(reason(line('xYOU: hi <eos> THEM: <selection>', '<disagree>'))).toBe(
      'dialogue turn 1 does not start with "YOU:" or "THEM:"',
    );
    expect(reason(line(ok, 'item0=1 item1=0 item2=1 item0=0 item1=3 item3=1'))).toMatch(
      /item0=a item1=b item2=c twice/,
    );
    expect(reason(line(ok, 'item0=1 item1=0 item2=1 item0=0 item1=3 item2=1x'))).toMatch(
      /item0=a item1=b item2=c twice/,
    );
    expect(reason(line(ok, '<disagree>x'))).toMatch(/item0=a item1=b item2=c twice/);
    expect(reason(line(ok, 'x<disagree>'))).toMatch(/item0=a item1=b item2=c twice/);
  });
});
