/** Refuses bad command-line input: one sentence naming the option and the fix, exit code 2. */
export function failUsage(message: string): never {
  console.error(message);
  process.exit(2);
}
