import { createRng } from '../shared/random/rng';

export const oracleKinds = ['human', 'simulatedExpert', 'astra'] as const;
export type OracleKind = (typeof oracleKinds)[number];

export interface OracleAssignment {
  oracle: OracleKind;
  /** Human tasks only: a gold task (known-good behaviour ranges are checked elsewhere). */
  gold: boolean;
}

/**
 * Which oracle continues each of the k selected dialogues, drawn by the round's oracle mix with
 * a generator seeded by the round: the same round always splits its tasks the same way.
 */
export function assignOracles(
  count: number,
  mix: { human: number; simulatedExpert: number; astra: number },
  goldRate: number,
  seed: number,
): OracleAssignment[] {
  const rng = createRng(`${seed}/round/oracles`);
  const gold = createRng(`${seed}/round/gold`);
  return Array.from({ length: count }, () => {
    const u = rng.next();
    const oracle: OracleKind =
      u < mix.human ? 'human' : u < mix.human + mix.simulatedExpert ? 'simulatedExpert' : 'astra';
    return { oracle, gold: oracle === 'human' && gold.next() < goldRate };
  });
}
