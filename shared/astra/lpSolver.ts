import solver, { type Model } from 'javascript-lp-solver';

/**
 * The one module that loads javascript-lp-solver, so that only ASTRA pulls it in. The package
 * ships its own types, but `Solve` is typed as returning `unknown`; this wrapper declares the
 * little we use (a JSON model, a maximisation, integer variables) and checks the answer's shape.
 */
export interface IntegerProgram {
  /** Objective coefficient of each variable (maximised). */
  objective: Readonly<Record<string, number>>;
  /** Linear constraints: Σ coefficients[v]·v within [min, max]. */
  constraints: readonly LinearConstraint[];
  /** Every variable is a non-negative integer. */
  variables: readonly string[];
}

export interface LinearConstraint {
  name: string;
  coefficients: Readonly<Record<string, number>>;
  min?: number;
  max?: number;
}

export type IntegerSolution =
  { feasible: true; values: Record<string, number> } | { feasible: false };

/** How far from an integer a reported value may be before we call it a solver fault. */
const integralityTolerance = 1e-6;

/** Solves a small integer program exactly (tolerance 0, no timeout: deterministic). */
export function solveIntegerProgram(program: IntegerProgram): IntegerSolution {
  const objectiveName = '__objective';
  const model: Model = {
    optimize: objectiveName,
    opType: 'max',
    constraints: Object.fromEntries(
      program.constraints.map((c) => [
        c.name,
        {
          ...(c.min === undefined ? {} : { min: c.min }),
          ...(c.max === undefined ? {} : { max: c.max }),
        },
      ]),
    ),
    variables: Object.fromEntries(
      program.variables.map((v) => {
        const column: Record<string, number> = { [objectiveName]: program.objective[v] ?? 0 };
        for (const c of program.constraints) {
          const coefficient = c.coefficients[v];
          if (coefficient !== undefined && coefficient !== 0) {
            column[c.name] = coefficient;
          }
        }
        return [v, column];
      }),
    ),
    ints: Object.fromEntries(program.variables.map((v) => [v, 1])),
  };
  const result = solver.Solve(model) as Record<string, unknown>;
  if (result.feasible !== true) {
    return { feasible: false };
  }
  const values: Record<string, number> = {};
  for (const v of program.variables) {
    // The solver omits variables whose value is zero.
    const raw = result[v] ?? 0;
    if (typeof raw !== 'number' || !Number.isFinite(raw)) {
      throw new Error(`LP solver returned a non-numeric value for ${v}: ${JSON.stringify(raw)}`);
    }
    const rounded = Math.round(raw);
    if (Math.abs(raw - rounded) > integralityTolerance) {
      throw new Error(`LP solver returned a fractional value for integer ${v}: ${raw}`);
    }
    values[v] = rounded;
  }
  return { feasible: true, values };
}
