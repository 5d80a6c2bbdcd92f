/** What `parley bench learn` measures (printed, or written with --json). */
export interface LearnBenchResult {
  backend: string;
  model: { embedding: number; context: number; hidden: number; selection: number };
  selfPlay: { dialogues: number; seconds: number; perSecond: number; meanLength: number };
  unbatched: { dialogues: number; perSecond: number };
  novelty: { dialogues: number; seconds: number };
  /**
   * One SL epoch: building its batches, then the model's steps (forward, backward, Adam) over
   * them, run `stepRuns.length` times; `stepSeconds` is their median, `seconds` the sum of the two.
   */
  supervisedEpoch: {
    dialogues: number;
    seconds: number;
    batchSeconds: number;
    stepSeconds: number;
    stepRuns: number[];
  };
  acquisitionEpoch: { tasks: number; annotated: number; bobData: number; seconds: number } | null;
}
