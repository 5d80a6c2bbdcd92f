import fs from 'node:fs';
import path from 'node:path';
import { dealOrNoDealSource, dealOrNoDealSplits } from './dealOrNoDealSource';

/** The folder `parley data fetch dealornodeal` fills. */
export function dealOrNoDealDir(datasetsDir: string): string {
  return path.join(datasetsDir, dealOrNoDealSource.name);
}

/**
 * Turns a data argument into a file: `dealornodeal:train` (or val, test) names a fetched split,
 * anything else is a path. A named split that is not there yet says how to get it.
 */
export function resolveDataArgument(argument: string, datasetsDir: string): string {
  const named = /^dealornodeal:(.*)$/.exec(argument);
  if (named === null) {
    return argument;
  }
  const split = dealOrNoDealSplits.find((s) => s === named[1]);
  if (split === undefined) {
    throw new RangeError(
      `unknown DealOrNoDeal split "${named[1]}" in ${argument}; choose one of ${dealOrNoDealSplits.map((s) => `dealornodeal:${s}`).join(', ')}`,
    );
  }
  const file = dealOrNoDealSource.files.find((f) => f.split === split)?.file ?? `${split}.txt`;
  const resolved = path.join(dealOrNoDealDir(datasetsDir), file);
  if (!fs.existsSync(resolved)) {
    throw new RangeError(
      `${argument} is not in ${dealOrNoDealDir(datasetsDir)} yet; get it with: npx parley data fetch dealornodeal`,
    );
  }
  return resolved;
}
