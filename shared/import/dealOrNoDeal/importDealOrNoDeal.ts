import { dialogueRecordVersion, type DialogueRecord } from '../../corpus/dialogueRecord';
import { isValidAllocation } from '../../domain/allocation';
import { dealOrNoDeal } from '../../domain/dealOrNoDeal';
import { resolveOutcome } from '../../dialogue/outcome';
import { dialogueFromLine } from './dialogueFromLine';
import { readDealOrNoDealLine, type DealOrNoDealLine } from './lineFormat';

/** What an import did: every non-blank line is a dialogue's side, or a rejection with a reason. */
export interface ImportReport {
  /** Non-blank lines read. */
  lines: number;
  /** Dialogues written (a pair of mirrored lines is one dialogue). */
  dialogues: number;
  /** Utterances in those dialogues (the final `<selection>` not counted). */
  turns: number;
  parsedTurns: number;
  /** Of the parsed turns, the questions (`inquire`) and greetings (`greet`). */
  questionTurns: number;
  greetingTurns: number;
  unknownTurns: number;
  /** Offers the parser missed that an answering `agree` restored (see dialogueFromLine). */
  repairedOffers: number;
  deals: number;
  noDeals: number;
  /** Lines whose other perspective never appeared: imported as dialogues on their own. */
  unpairedLines: number;
  rejectedLines: number;
  rejections: { line: number; reason: string }[];
}

interface Pending {
  lineNumber: number;
  line: DealOrNoDealLine;
}

/**
 * A streaming importer of the original DealOrNoDeal format: feed it lines in order (`add`),
 * then `finish`. Each dialogue appears twice in the data, once per side; the two lines are
 * matched by their contexts (each one's input is the other's partner input) and their mirrored
 * dialogue text (YOU ↔ THEM), and become one record, with the earlier line's YOU as agent 0.
 * A line whose mirror never comes is imported alone at the end. Malformed lines are rejected
 * with their line number and reason; nothing is dropped silently.
 */
export function createDealOrNoDealImporter(file: string): {
  add(text: string, lineNumber: number): DialogueRecord[];
  finish(): DialogueRecord[];
  report(): ImportReport;
} {
  const report: ImportReport = {
    lines: 0,
    dialogues: 0,
    turns: 0,
    parsedTurns: 0,
    questionTurns: 0,
    greetingTurns: 0,
    unknownTurns: 0,
    repairedOffers: 0,
    deals: 0,
    noDeals: 0,
    unpairedLines: 0,
    rejectedLines: 0,
    rejections: [],
  };
  const pending = new Map<string, Pending[]>();
  const reject = (line: number, reason: string) => {
    report.rejectedLines++;
    report.rejections.push({ line, reason });
  };
  const emit = (first: Pending, lines: number[]): DialogueRecord => {
    const { record, repairedOffers } = recordOf(first.line, file, lines);
    report.repairedOffers += repairedOffers;
    report.dialogues++;
    for (const turn of record.turns.slice(0, -1)) {
      report.turns++;
      report[turn.act.type === 'unknown' ? 'unknownTurns' : 'parsedTurns']++;
      if (turn.act.type === 'inquire') {
        report.questionTurns++;
      } else if (turn.act.type === 'greet') {
        report.greetingTurns++;
      }
    }
    report[record.outcome.agreed ? 'deals' : 'noDeals']++;
    return record;
  };
  return {
    add(text, lineNumber) {
      if (text.trim() === '') {
        return [];
      }
      report.lines++;
      const reading = readDealOrNoDealLine(text);
      if (!reading.ok) {
        reject(lineNumber, reading.reason);
        return [];
      }
      const problem = lineProblem(reading.line);
      if (problem !== null) {
        reject(lineNumber, problem);
        return [];
      }
      const line = reading.line;
      const waiting = pending.get(mirrorKey(line));
      const mirror = waiting?.shift();
      if (waiting?.length === 0) {
        pending.delete(mirrorKey(line));
      }
      if (mirror === undefined) {
        const key = ownKey(line);
        pending.set(key, [...(pending.get(key) ?? []), { lineNumber, line }]);
        return [];
      }
      if (!outputsMirror(mirror.line, line)) {
        reject(
          lineNumber,
          `its other side (line ${mirror.lineNumber}) records a different <output>`,
        );
        report.unpairedLines++;
        return [emit(mirror, [mirror.lineNumber])];
      }
      return [emit(mirror, [mirror.lineNumber, lineNumber])];
    },
    finish() {
      const rest = [...pending.values()].flat().sort((a, b) => a.lineNumber - b.lineNumber);
      pending.clear();
      report.unpairedLines += rest.length;
      return rest.map((p) => emit(p, [p.lineNumber]));
    },
    report: () => ({ ...report, rejections: [...report.rejections] }),
  };
}

/** Imports a whole text at once (lines numbered from 1). */
export function importDealOrNoDeal(
  text: string,
  file: string,
): { records: DialogueRecord[]; report: ImportReport } {
  const importer = createDealOrNoDealImporter(file);
  const records = text.split(/\r?\n/).flatMap((line, i) => importer.add(line, i + 1));
  records.push(...importer.finish());
  return { records, report: importer.report() };
}

function lineProblem(line: DealOrNoDealLine): string | null {
  const context = { counts: line.counts, utilities: line.values };
  const problems = dealOrNoDeal.validateContext(context);
  if (problems.length > 0) {
    return `not a DealOrNoDeal context: ${problems.join('; ')}`;
  }
  const { output } = line;
  if (
    output.kind === 'items' &&
    !(isValidAllocation(line.counts, output.you) && isValidAllocation(line.counts, output.them))
  ) {
    return `<output> selects more than there is (counts ${line.counts.join(',')})`;
  }
  return null;
}

const ownKey = (line: DealOrNoDealLine) =>
  `${line.raw.input}|${line.raw.partnerInput}|${line.raw.dialogue}`;
const mirrorKey = (line: DealOrNoDealLine) =>
  `${line.raw.partnerInput}|${line.raw.input}|${line.raw.dialogue.replace(/\b(YOU|THEM):/g, (_, s: string) => (s === 'YOU' ? 'THEM:' : 'YOU:'))}`;

function outputsMirror(a: DealOrNoDealLine, b: DealOrNoDealLine): boolean {
  if (a.output.kind !== 'items' || b.output.kind !== 'items') {
    return a.output.kind === b.output.kind;
  }
  return (
    a.output.you.join() === b.output.them.join() && a.output.them.join() === b.output.you.join()
  );
}

function recordOf(
  line: DealOrNoDealLine,
  file: string,
  lines: number[],
): { record: DialogueRecord; repairedOffers: number } {
  const dialogue = dialogueFromLine(line);
  const outcome = resolveOutcome(dealOrNoDeal, dialogue.context, dialogue.selections, false);
  const record: DialogueRecord = {
    version: dialogueRecordVersion,
    id: `dealornodeal-import-${file.split(/[\\/]/).pop() ?? file}-${lines.join('-')}`,
    domain: 'dealornodeal',
    context: dialogue.context,
    firstSpeaker: dialogue.firstSpeaker,
    turns: dialogue.turns,
    selections: dialogue.selections,
    outcome,
    source: 'import',
    provenance: {
      format: 'dealornodeal',
      file,
      lines,
      output: line.output.kind,
    },
  };
  return { record, repairedOffers: dialogue.repairedOffers };
}
