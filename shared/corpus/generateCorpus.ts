import { playDialogue } from '../agents/playDialogue';
import { scriptedNegotiators } from '../agents/scripted/catalogue';
import type { AgentIndex, Domain } from '../domain/types';
import { createRng } from '../random/rng';
import { pickWeighted } from '../random/weighted';
import type { DialogueRecord } from './dialogueRecord';
import { formatPopulation, type PopulationMember } from './population';
import { recordFromState } from './recordConversion';

export interface CorpusSpec {
  domain: Domain;
  dialogues: number;
  seed: number | string;
  population: readonly PopulationMember[];
}

export const corpusGenerator = 'parley corpus generate';

/**
 * Dialogue `index` of a synthetic corpus. It depends only on (seed, index): two scripted
 * negotiators drawn from the population by weight, a context sampled by the domain, a random
 * first speaker, each from its own fork of the seed. So a corpus can be regenerated, extended or
 * split across processes and give the same dialogues.
 */
export function generateDialogue(spec: CorpusSpec, index: number): DialogueRecord {
  const rng = createRng(spec.seed).fork(index);
  const seats = rng.fork('seats');
  const choices = spec.population.map((m) => ({ value: m.name, weight: m.weight }));
  const names = [pickWeighted(seats, choices), pickWeighted(seats, choices)] as const;
  const context = spec.domain.sampleContext(rng.fork('context'));
  const firstSpeaker = rng.fork('first').int(0, 1) as AgentIndex;
  const state = playDialogue(
    spec.domain,
    context,
    [
      scriptedNegotiators[names[0]].create(rng.fork('agent0')),
      scriptedNegotiators[names[1]].create(rng.fork('agent1')),
    ],
    firstSpeaker,
  );
  return recordFromState(state, {
    id: `${spec.domain.id}-${spec.seed}-${index}`,
    source: 'synthetic',
    provenance: {
      generator: corpusGenerator,
      seed: spec.seed,
      index,
      negotiators: [names[0], names[1]],
      population: formatPopulation(spec.population),
    },
  });
}

/** The corpus, lazily, in index order (so a caller can stream it to a file). */
export function* generateCorpus(spec: CorpusSpec): Generator<DialogueRecord> {
  if (!Number.isInteger(spec.dialogues) || spec.dialogues < 0) {
    throw new RangeError(
      `the number of dialogues must be a whole number ≥ 0, not ${spec.dialogues}`,
    );
  }
  for (let index = 0; index < spec.dialogues; index++) {
    yield generateDialogue(spec, index);
  }
}
