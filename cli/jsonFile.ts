import fs from 'node:fs';

/** Reads a JSON file named by a command-line option; an unreadable or invalid file says which. */
export function readJsonOption(option: string, file: string): unknown {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    throw new RangeError(`cannot read ${option} ${file}: ${(error as Error).message}`);
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new RangeError(`${option} ${file} is not JSON: ${(error as Error).message}`);
  }
}
