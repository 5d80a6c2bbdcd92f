import { z } from 'zod';

const share = z.number().min(0).max(1);

/**
 * Every tunable of ASTRA, with its default. `suggest` accepts any subset (validated by
 * `astraOptionsInputSchema`); `resolveOptions` fills in the rest. README.md documents each one.
 */
export const astraOptionsInputSchema = z
  .object({
    /** Weight of the partner acceptance probability (PAP) in the final score. */
    alpha: z.number().min(0),
    /** Weight of the strategy assessment (SA) in the final score. */
    beta: z.number().min(0),
    /** Tit-for-Tat: λ for each partner stance (higher λ = more self-interested). */
    lambdaByStance: z.object({ greedy: share, neutral: share, generous: share }).partial(),
    /** Candidate λ values span λ ± lambdaSpread in steps of lambdaStep. */
    lambdaSpread: share,
    lambdaStep: z.number().gt(0).max(1),
    /** Candidate maxScore values go down from the policy's in maxScoreStep points, maxScoreSteps times. */
    maxScoreStep: z.number().gt(0),
    maxScoreSteps: z.number().int().min(0).max(50),
    /** Each LP keeps own score within this share of the maximum below its maxScore (a deviation). */
    scoreWindowShare: share,
    /** The fair score gap as a share of the domain's maximum score (also the reservation's lead). */
    fairGapShare: share,
    /** The own concession floor's Boulware exponent e (< 1: hold out, then yield late). */
    concessionExponent: z.number().gt(0).max(10),
    /** How sharply the partner's offers favour what it values (the opponent model's κ). */
    offerRationality: z.number().min(0).max(100),
    /** The largest lead of the partner (by the IPP), as a share of the maximum, in a deal we accept. */
    maxPartnerLeadShare: share,
    /** PAP: weight of the partner's (inferred) score; its movement toward its best gets the rest. */
    papScoreWeight: share,
    /** The first concession's target size, as a share of the domain's maximum score. */
    initialConcessionShare: share,
    /** Walk away after this many partner turns without a concession (see README for the conditions). */
    stubbornTurnsBeforeWalkaway: z.number().int().min(1),
    /** Walk away after this many partner offers below BATNA following the warning. */
    offersBelowBatnaAfterWarning: z.number().int().min(1),
    /** Accept any offer above BATNA on one's last turn rather than end with nothing. */
    deadlineAcceptance: z.boolean(),
    /**
     * false = "without ASTRA" (the reproduction's ablation): no Tit-for-Tat, LP or PAP/SA
     * selection; the offer is the concession floor's (withoutAstra.ts). Everything else is kept.
     */
    offerStages: z.boolean(),
    // The paper's readings where its text differs from Parley's rules (README "The paper's
    // readings"); each is measured against Parley's in `parley reproduce astra`.
    /** Ask the partner's priorities before our opening offer while nothing about them is known (§2.2). */
    askBeforeOpening: z.boolean(),
    /** Stance: an unchanged score over three partner offers is greedy (Parley) or neutral (§2.2). */
    holdoutIsGreedy: z.boolean(),
    /** Competitive tactics against a neutral partner too, not only a greedy one (§4.3). */
    competitiveAgainstNeutral: z.boolean(),
    /** Accept at least what we would propose now (`nextOffer`) or our most recent offer (`latestOffer`, §2.2). */
    acceptAtLeast: z.enum(['nextOffer', 'latestOffer']),
    /** Walk away at an impasse (`impasse`) or after the stubborn turns alone (`noConcession`, §2.2). */
    walkAway: z.enum(['impasse', 'noConcession']),
  })
  .partial()
  .strict()
  .refine((o) => (o.alpha ?? 1) + (o.beta ?? 1) > 0, { message: 'alpha + beta must be positive' });

export type AstraOptionsInput = z.input<typeof astraOptionsInputSchema>;

export interface AstraOptions {
  alpha: number;
  beta: number;
  lambdaByStance: { greedy: number; neutral: number; generous: number };
  lambdaSpread: number;
  lambdaStep: number;
  maxScoreStep: number;
  maxScoreSteps: number;
  scoreWindowShare: number;
  fairGapShare: number;
  concessionExponent: number;
  offerRationality: number;
  maxPartnerLeadShare: number;
  papScoreWeight: number;
  initialConcessionShare: number;
  stubbornTurnsBeforeWalkaway: number;
  offersBelowBatnaAfterWarning: number;
  deadlineAcceptance: boolean;
  offerStages: boolean;
  askBeforeOpening: boolean;
  holdoutIsGreedy: boolean;
  competitiveAgainstNeutral: boolean;
  acceptAtLeast: 'nextOffer' | 'latestOffer';
  walkAway: 'impasse' | 'noConcession';
}

export const defaultAstraOptions: Readonly<AstraOptions> = {
  alpha: 0.35,
  beta: 0.65,
  lambdaByStance: { greedy: 0.9, neutral: 0.5, generous: 0.3 },
  lambdaSpread: 0.2,
  lambdaStep: 0.1,
  maxScoreStep: 1,
  maxScoreSteps: 10,
  scoreWindowShare: 0.1,
  fairGapShare: 0.1,
  concessionExponent: 0.2,
  offerRationality: 10,
  maxPartnerLeadShare: 0.5,
  papScoreWeight: 0.7,
  initialConcessionShare: 0.1,
  stubbornTurnsBeforeWalkaway: 3,
  offersBelowBatnaAfterWarning: 2,
  deadlineAcceptance: true,
  offerStages: true,
  askBeforeOpening: false,
  holdoutIsGreedy: true,
  competitiveAgainstNeutral: false,
  acceptAtLeast: 'nextOffer',
  walkAway: 'impasse',
};

/**
 * The paper's reading of each rule where its text differs from Parley's default: each alone,
 * and all together, are played against the defaults in `parley reproduce astra`.
 */
export const paperReadings = {
  askBeforeOpening: { askBeforeOpening: true },
  stanceNoChangeIsNeutral: { holdoutIsGreedy: false },
  competitiveAgainstNeutral: { competitiveAgainstNeutral: true },
  acceptAtLatestOffer: { acceptAtLeast: 'latestOffer' },
  walkAwayAfterNoConcession: { walkAway: 'noConcession' },
} as const satisfies Record<string, AstraOptionsInput>;

export type PaperReading = keyof typeof paperReadings;

/** Defaults overridden by `input`; throws a ZodError naming the bad option. */
export function resolveOptions(input: AstraOptionsInput | undefined): AstraOptions {
  const parsed = astraOptionsInputSchema.parse(input ?? {});
  return {
    ...defaultAstraOptions,
    ...Object.fromEntries(Object.entries(parsed).filter(([, v]) => v !== undefined)),
    lambdaByStance: { ...defaultAstraOptions.lambdaByStance, ...parsed.lambdaByStance },
  };
}
