import type { DialogueRecord } from '../corpus/dialogueRecord';
import { recordFromState } from '../corpus/recordConversion';
import { applySelection } from '../dialogue/dialogue';
import { dealOrNoDeal } from '../domain/dealOrNoDeal';
import { played, propose } from './dialogues';

/** The provenance of a synthetic test record (test code only). */
export const syntheticMeta = {
  id: 'd-1',
  source: 'synthetic' as const,
  provenance: { generator: 'test', seed: 1, index: 0, negotiators: ['a', 'b'] as [string, string] },
};

/** The context of `dealRecord` (test code only). */
export const dealContext = {
  counts: [1, 2, 3],
  utilities: [
    [1, 3, 1],
    [4, 0, 2],
  ] as [number[], number[]],
};

/** A small finished DealOrNoDeal record: A takes the hats, B agrees (test code only). */
export function dealRecord(id = syntheticMeta.id): DialogueRecord {
  let state = played(dealOrNoDeal, dealContext, [
    propose(0, 2, 0),
    { type: 'agree' },
    { type: 'end' },
  ]);
  state = applySelection(applySelection(state, 0, [0, 2, 0]), 1, [1, 0, 3]);
  return recordFromState(state, { ...syntheticMeta, id });
}
