/**
 * Krippendorff's α for nominal data. `units` holds, per unit (e.g. one annotation task), the
 * value each coder gave (e.g. the first-response act type of each redundant annotation); null
 * or undefined is a missing value. Units with fewer than two values cannot be paired and are
 * left out, as the coefficient prescribes.
 *
 * α = 1 − D_o / D_e, with the observed disagreement D_o read off the coincidence matrix
 * (each ordered pair of values within a unit weighted 1/(m_u − 1)) and the expected
 * disagreement D_e from the value totals. Null when there is nothing to pair or when every
 * value is the same (D_e = 0: agreement cannot be told apart from chance).
 */
export function krippendorffAlphaNominal(
  units: readonly (readonly (string | number | null | undefined)[])[],
): number | null {
  const coincidences = new Map<string, Map<string, number>>();
  const add = (c: string, k: string, weight: number) => {
    const row = coincidences.get(c) ?? new Map<string, number>();
    row.set(k, (row.get(k) ?? 0) + weight);
    coincidences.set(c, row);
  };
  for (const unit of units) {
    const values = unit.filter((v) => v !== null && v !== undefined).map(String);
    const m = values.length;
    if (m < 2) {
      continue;
    }
    for (let i = 0; i < m; i++) {
      for (let j = 0; j < m; j++) {
        if (i !== j) {
          add(values[i] as string, values[j] as string, 1 / (m - 1));
        }
      }
    }
  }
  const totals = new Map<string, number>();
  let n = 0;
  let observed = 0;
  for (const [c, row] of coincidences) {
    for (const [k, o] of row) {
      totals.set(c, (totals.get(c) ?? 0) + o);
      n += o;
      if (c !== k) {
        observed += o;
      }
    }
  }
  if (n <= 1) {
    return null;
  }
  let expected = 0;
  for (const [c, nc] of totals) {
    for (const [k, nk] of totals) {
      if (c !== k) {
        expected += (nc * nk) / (n - 1);
      }
    }
  }
  if (expected === 0) {
    return null;
  }
  return 1 - observed / expected;
}

/**
 * Share of agreeing pairs among the values of each unit, pooled over units (pairs of
 * annotations of one task that reached the same outcome, say). Null without any pair.
 */
export function pairwiseAgreement(units: readonly (readonly string[])[]): number | null {
  let pairs = 0;
  let agreeing = 0;
  for (const unit of units) {
    for (let i = 0; i < unit.length; i++) {
      for (let j = i + 1; j < unit.length; j++) {
        pairs++;
        if (unit[i] === unit[j]) {
          agreeing++;
        }
      }
    }
  }
  return pairs === 0 ? null : agreeing / pairs;
}
