import {
  isScriptedNegotiatorName,
  scriptedNegotiatorNames,
  type ScriptedNegotiatorName,
} from '../agents/scripted/catalogue';

export interface PopulationMember {
  name: ScriptedNegotiatorName;
  /** Relative weight: how often this negotiator is drawn for a seat. */
  weight: number;
}

/** The default `--mix`: mostly concession strategies, some hard and noisy partners. */
export const defaultPopulation = 'boulware:2,linear:1,conceder:1,tft:1,greedy:1,fair:1,random:0.5';

/**
 * Parses a population spec: comma-separated `name[:weight]` (weight defaults to 1), e.g.
 * `boulware:2,conceder:1,tft`. Throws a RangeError that says what is wrong.
 */
export function parsePopulation(spec: string): PopulationMember[] {
  const members: PopulationMember[] = [];
  for (const part of spec.split(',').map((p) => p.trim())) {
    if (part === '') {
      throw new RangeError(`empty entry in population "${spec}"`);
    }
    const [name = '', weightText, ...rest] = part.split(':').map((p) => p.trim());
    if (!isScriptedNegotiatorName(name)) {
      throw new RangeError(
        `unknown negotiator "${name}" in population; known: ${scriptedNegotiatorNames.join(', ')}`,
      );
    }
    const weight = weightText === undefined ? 1 : Number(weightText);
    if (rest.length > 0 || weightText === '' || !Number.isFinite(weight) || weight < 0) {
      throw new RangeError(`"${part}": the weight must be a number ≥ 0 (name:weight)`);
    }
    if (members.some((m) => m.name === name)) {
      throw new RangeError(`"${name}" appears twice in the population`);
    }
    members.push({ name, weight });
  }
  if (!members.some((m) => m.weight > 0)) {
    throw new RangeError('the population needs at least one negotiator with a weight > 0');
  }
  return members;
}

export function formatPopulation(members: readonly PopulationMember[]): string {
  return members.map((m) => `${m.name}:${m.weight}`).join(',');
}
