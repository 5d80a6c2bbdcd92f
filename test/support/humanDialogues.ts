import fs from 'node:fs';

type Side = 'YOU' | 'THEM';
const other = (s: Side): Side => (s === 'YOU' ? 'THEM' : 'YOU');

/**
 * One dialogue in DealOrNoDeal's original format, both sides (two lines): `turns` are written
 * from the first speaker's side; `outcome` is what the first speaker and the partner took, or
 * null for no deal.
 */
function dialogueLines(
  counts: number[],
  values: [number[], number[]],
  turns: string[],
  outcome: [number[], number[]] | null,
): string[] {
  const input = (v: number[]) => counts.flatMap((c, i) => [c, v[i]]).join(' ');
  const side = (me: 0 | 1) => {
    let speaker: Side = me === 0 ? 'YOU' : 'THEM';
    const said = turns.map((t) => {
      const line = `${speaker}: ${t} <eos>`;
      speaker = other(speaker);
      return line;
    });
    const output =
      outcome === null
        ? Array(6).fill('<disagree>').join(' ')
        : [outcome[me], outcome[1 - me]!]
            .flatMap((take) => take.map((n, i) => `item${i}=${n}`))
            .join(' ');
    return `<input> ${input(values[me])} </input> <dialogue> ${said.join(' ')} ${speaker}: <selection> </dialogue> <output> ${output} </output> <partner_input> ${input(values[1 - me]!)} </partner_input>`;
  };
  return [side(0), side(1)];
}

/**
 * Writes `n` short human-like dialogues in DealOrNoDeal's original format to `file` and returns
 * it: agreements at once, a haggle, and some without a deal (1 in 4).
 */
export function writeHumanDialogues(file: string, n: number): string {
  const lines: string[] = [];
  for (let i = 0, made = 0; made < n; i++) {
    // 1–4 of each item, 5–7 in all, as in the original tasks.
    const counts = [1 + (i % 2), 3 + ((i >> 1) % 2), 1];
    // Each side's items are worth 10 in all, as in the original tasks; no two dialogues alike.
    const [book, hat] = [1 + (i % 3), i % 5 === 0 ? 0 : 1];
    const theirs = i % 4;
    const values: [number[], number[]] = [
      [book, hat, 10 - book * counts[0]! - hat * counts[1]!],
      [theirs, 1, 10 - theirs * counts[0]! - counts[1]!],
    ];
    // As the original tasks: every item worth something to someone, some item to both.
    const valid =
      counts.every((_, j) => values[0][j]! + values[1][j]! > 0) &&
      counts.some((_, j) => values[0][j]! > 0 && values[1][j]! > 0);
    if (!valid) {
      continue;
    }
    made++;
    const all = [...counts];
    switch (made % 4) {
      case 0:
      case 1:
        lines.push(
          ...dialogueLines(
            counts,
            values,
            ['i would like the book and you can have the rest .', 'deal'],
            [
              [all[0]!, 0, 0],
              [0, all[1]!, 1],
            ],
          ),
        );
        break;
      case 2:
        lines.push(
          ...dialogueLines(
            counts,
            values,
            [
              'i want the ball',
              'no , i need the ball',
              'ok you take the ball and i get the rest',
              'deal',
            ],
            [
              [all[0]!, all[1]!, 0],
              [0, 0, 1],
            ],
          ),
        );
        break;
      default:
        lines.push(
          ...dialogueLines(
            counts,
            values,
            ['i need everything', 'no way', 'what would you like ?', 'no deal'],
            null,
          ),
        );
    }
  }
  fs.writeFileSync(file, `${lines.join('\n')}\n`);
  return file;
}
