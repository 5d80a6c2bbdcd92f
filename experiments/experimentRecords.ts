import fs from 'node:fs';
import path from 'node:path';
import { parseRecordLine } from '../shared/corpus/recordLines';
import type { DialogueRecord } from '../shared/corpus/dialogueRecord';
import { createDealOrNoDealImporter } from '../shared/import/dealOrNoDeal/importDealOrNoDeal';

/**
 * D_H records of a `data.source: file` experiment: JSONL dialogue records, or DealOrNoDeal lines
 * (the original .txt) as `parley import dealornodeal` reads them. Every process that runs units
 * reads the file itself (the path is in the configuration).
 */
export function readExperimentRecords(
  file: string,
  log: (message: string) => void,
): DialogueRecord[] {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    throw new RangeError(`cannot read the data ${file}: ${(error as Error).message}`);
  }
  if (!text.trimStart().startsWith('{')) {
    return importedRecords(file, text, log);
  }
  const records: DialogueRecord[] = [];
  text.split('\n').forEach((line, index) => {
    if (line.trim() === '') {
      return;
    }
    const parsed = parseRecordLine(line);
    if (!parsed.ok) {
      throw new RangeError(`${file}:${index + 1}: ${parsed.error}`);
    }
    records.push(parsed.record);
  });
  return records;
}

/** DealOrNoDeal lines, as `parley import dealornodeal` reads them; every parsed dialogue is kept. */
function importedRecords(
  file: string,
  text: string,
  log: (message: string) => void,
): DialogueRecord[] {
  const importer = createDealOrNoDealImporter(path.basename(file));
  const records: DialogueRecord[] = [];
  text.split('\n').forEach((line, index) => {
    records.push(...importer.add(line, index + 1));
  });
  records.push(...importer.finish());
  const report = importer.report();
  log(
    `${file}: ${report.lines} lines → ${report.dialogues} dialogues; turns parsed ${report.parsedTurns} of ${report.turns} (the rest are unknown acts, kept); ${report.rejectedLines} lines rejected`,
  );
  return records;
}
