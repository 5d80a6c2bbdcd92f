import { isOffer } from '../dialogue/acts';
import { applyAct, applySelection, startDialogue, type DialogueState } from '../dialogue/dialogue';
import { outcomesEqual } from '../dialogue/outcome';
import { getDomain } from '../domain/domains';
import {
  dialogueRecordVersion,
  type DialogueRecord,
  type DialogueSource,
  type Provenance,
} from './dialogueRecord';

/** What a record adds to a finished dialogue: its id, where it came from, optional utterances. */
export type RecordMeta = {
  [S in DialogueSource]: {
    id: string;
    source: S;
    provenance: Provenance<S>;
    texts?: readonly (string | undefined)[];
  };
}[DialogueSource];

/** A finished dialogue (outcome known) as a record. */
export function recordFromState(state: DialogueState, meta: RecordMeta): DialogueRecord {
  const { outcome } = state;
  if (outcome === null) {
    throw new RangeError('only a finished dialogue (with an outcome) becomes a record');
  }
  const [s0, s1] = state.selections;
  return {
    version: dialogueRecordVersion,
    id: meta.id,
    domain: state.domain.id,
    context: {
      counts: [...state.context.counts],
      utilities: [[...state.context.utilities[0]], [...state.context.utilities[1]]],
    },
    firstSpeaker: state.firstSpeaker,
    turns: state.turns.map((turn, i) => {
      const text = meta.texts?.[i];
      const act = isOffer(turn.act)
        ? { ...turn.act, allocation: [...turn.act.allocation] }
        : { ...turn.act };
      return text === undefined
        ? { speaker: turn.speaker, act }
        : { speaker: turn.speaker, act, text };
    }),
    // A walk-away ends the dialogue before anyone selects: nothing was selected.
    selections: [
      s0 === undefined || s0 === null ? null : [...s0],
      s1 === undefined || s1 === null ? null : [...s1],
    ],
    outcome: {
      ...outcome,
      allocation: outcome.allocation === null ? null : [...outcome.allocation],
      scores: [outcome.scores[0], outcome.scores[1]],
    },
    source: meta.source,
    provenance: meta.provenance,
    // RecordMeta pairs each source with its provenance; TypeScript cannot follow the pair
    // through the spread, hence the assertion.
  } as DialogueRecord;
}

/**
 * Replays a record through the rules and returns the finished state. Throws an ActError for a
 * turn the rules forbid (imported dialogues often break them), or a RangeError when the
 * replayed outcome differs from the recorded one.
 */
export function stateFromRecord(record: DialogueRecord): DialogueState {
  let state = startDialogue(getDomain(record.domain), record.context, record.firstSpeaker);
  record.turns.forEach((turn) => {
    state = applyAct(state, turn.speaker, turn.act);
  });
  if (state.outcome === null) {
    for (const agent of [0, 1] as const) {
      state = applySelection(state, agent, record.selections[agent]);
    }
  }
  if (state.outcome === null || !outcomesEqual(state.outcome, record.outcome)) {
    throw new RangeError(
      `record ${record.id}: replaying it gives a different outcome than recorded`,
    );
  }
  return state;
}

/**
 * A record as the models learn from it. An imported record is what people said, and the act
 * rules bind agents at play, not the people in the data: every turn is kept as said (an
 * `agree` after no parsed offer, a dialogue past the turn limit) with the recorded outcome.
 * Other records replay through the rules (`stateFromRecord`).
 */
export function learnableState(record: DialogueRecord): DialogueState {
  if (record.source !== 'import') {
    return stateFromRecord(record);
  }
  const start = startDialogue(getDomain(record.domain), record.context, record.firstSpeaker);
  const [s0, s1] = record.selections;
  return {
    ...start,
    turns: record.turns.map((turn) => ({ speaker: turn.speaker, act: turn.act })),
    endedBy: 'end',
    selections: [s0 === null ? null : [...s0], s1 === null ? null : [...s1]],
    outcome: record.outcome,
  };
}
