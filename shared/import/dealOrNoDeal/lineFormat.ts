/**
 * One line of the original DealOrNoDeal data (Lewis et al. 2017), read from the point of
 * view of its "YOU" side:
 * `<input> c0 v0 c1 v1 c2 v2 </input> <dialogue> THEM: … <eos> YOU: … <eos> … YOU: <selection>
 * </dialogue> <output> item0=a item1=b item2=c item0=a' item1=b' item2=c' </output>
 * <partner_input> c0 v0' c1 v1' c2 v2' </partner_input>`.
 * Items 0/1/2 are book/hat/ball; the first three output slots are YOU's selection.
 */
export interface DealOrNoDealLine {
  counts: number[];
  /** YOU's values, then THEM's. */
  values: [number[], number[]];
  /** Utterances in order, with who said them; the final `<selection>` is not among them. */
  utterances: { speaker: 'YOU' | 'THEM'; text: string }[];
  /** Who pressed `<selection>`, ending the dialogue. */
  selectedBy: 'YOU' | 'THEM';
  output:
    | { kind: 'items'; you: number[]; them: number[] }
    | { kind: 'disagree' | 'no_agreement' | 'disconnect' };
  /** The raw parts a mirrored line must match (pairing). */
  raw: { input: string; partnerInput: string; dialogue: string };
}

export type LineReading = { ok: true; line: DealOrNoDealLine } | { ok: false; reason: string };

const linePattern =
  /^<input>(.*?)<\/input>\s*<dialogue>(.*?)<\/dialogue>\s*<output>(.*?)<\/output>\s*<partner_input>(.*?)<\/partner_input>$/;

export function readDealOrNoDealLine(text: string): LineReading {
  const match = linePattern.exec(text.trim());
  if (match === null) {
    return {
      ok: false,
      reason:
        'not <input> … </input> <dialogue> … </dialogue> <output> … </output> <partner_input> … </partner_input>',
    };
  }
  const [, inputText = '', dialogueText = '', outputText = '', partnerText = ''] = match;
  const input = numbers(inputText);
  const partner = numbers(partnerText);
  if (input === null || input.length !== 6) {
    return {
      ok: false,
      reason: `<input> must hold six whole numbers (count, value for book, hat, ball), not "${inputText.trim()}"`,
    };
  }
  if (partner === null || partner.length !== 6) {
    return {
      ok: false,
      reason: `<partner_input> must hold six whole numbers, not "${partnerText.trim()}"`,
    };
  }
  const counts = [input[0], input[2], input[4]] as number[];
  const partnerCounts = [partner[0], partner[2], partner[4]] as number[];
  if (counts.join() !== partnerCounts.join()) {
    return {
      ok: false,
      reason: `the two sides see different counts (${counts.join(',')} vs ${partnerCounts.join(',')})`,
    };
  }
  const dialogue = readDialogue(dialogueText);
  if (!dialogue.ok) {
    return dialogue;
  }
  const output = readOutput(outputText);
  if (!output.ok) {
    return output;
  }
  return {
    ok: true,
    line: {
      counts,
      values: [
        [input[1], input[3], input[5]] as number[],
        [partner[1], partner[3], partner[5]] as number[],
      ],
      utterances: dialogue.utterances,
      selectedBy: dialogue.selectedBy,
      output: output.output,
      raw: {
        input: input.join(' '),
        partnerInput: partner.join(' '),
        dialogue: dialogue.normalised,
      },
    },
  };
}

function numbers(text: string): number[] | null {
  const parts = text.trim().split(/\s+/);
  return parts.every((p) => /^\d+$/.test(p)) ? parts.map(Number) : null;
}

function readDialogue(text: string):
  | {
      ok: true;
      utterances: DealOrNoDealLine['utterances'];
      selectedBy: 'YOU' | 'THEM';
      normalised: string;
    }
  | { ok: false; reason: string } {
  const segments = text.trim().split(/\s*<eos>\s*/);
  const utterances: DealOrNoDealLine['utterances'] = [];
  for (const [i, segment] of segments.entries()) {
    const turn = /^(YOU|THEM):\s*(.*)$/.exec(segment);
    if (turn === null) {
      return { ok: false, reason: `dialogue turn ${i + 1} does not start with "YOU:" or "THEM:"` };
    }
    const speaker = turn[1] as 'YOU' | 'THEM';
    const said = (turn[2] ?? '').trim();
    if (said === '<selection>') {
      if (i !== segments.length - 1) {
        return { ok: false, reason: `<selection> in turn ${i + 1} is not the last turn` };
      }
      const normalised = segments.map((s) => s.replace(/\s+/g, ' ')).join(' <eos> ');
      return { ok: true, utterances, selectedBy: speaker, normalised };
    }
    if (said.includes('<selection>')) {
      return { ok: false, reason: `dialogue turn ${i + 1} mixes words and <selection>` };
    }
    utterances.push({ speaker, text: said });
  }
  return {
    ok: false,
    reason: 'the dialogue does not end with "YOU: <selection>" or "THEM: <selection>"',
  };
}

function readOutput(
  text: string,
): { ok: true; output: DealOrNoDealLine['output'] } | { ok: false; reason: string } {
  const parts = text.trim().split(/\s+/);
  const marker = /^<(disagree|no_agreement|disconnect)>$/.exec(parts[0] ?? '');
  if (marker !== null) {
    if (parts.some((p) => p !== parts[0])) {
      return { ok: false, reason: `<output> mixes markers: "${text.trim()}"` };
    }
    return { ok: true, output: { kind: marker[1] as 'disagree' | 'no_agreement' | 'disconnect' } };
  }
  const amounts = parts.map((p, i) => new RegExp(`^item${i % 3}=(\\d+)$`).exec(p)?.[1]);
  if (parts.length !== 6 || amounts.some((a) => a === undefined)) {
    return {
      ok: false,
      reason: `<output> must be item0=a item1=b item2=c twice, or <disagree>/<no_agreement>/<disconnect>, not "${text.trim()}"`,
    };
  }
  const n = amounts.map(Number);
  return { ok: true, output: { kind: 'items', you: n.slice(0, 3), them: n.slice(3) } };
}
