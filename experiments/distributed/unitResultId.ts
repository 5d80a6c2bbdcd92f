/** The id of a unit's result record: `<runId>/<seed>/<prepare | method name>`. */
export function unitResultId(runId: string, seed: number, unit: string): string {
  return `${runId}/${seed}/${unit}`;
}
