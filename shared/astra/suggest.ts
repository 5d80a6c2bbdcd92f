import type { Act } from '../dialogue/acts';
import { allocationsEqual } from '../domain/allocation';
import { getDomain } from '../domain/domains';
import type { Allocation } from '../domain/types';
import { generateCandidates } from './candidates';
import { concessionSchedule } from './concession';
import { checkAndReinfer } from './consistency';
import { decide, type AstraAction } from './decisions';
import { buildExplanation, type Explanation } from './explanation';
import { assessFairness } from './fairness';
import { latest, readRecord } from './negotiationRecord';
import { inferIpp, templateValues } from './opponentModel';
import { resolveOptions } from './options';
import { selectOffer } from './selection';
import { assessStance } from './stance';
import { buildTacticContext } from './tactics/context';
import { titForTatPolicy } from './titForTat';
import type { AstraState } from './types';
import { offerLogLikelihoods, partnerValuations, posteriorValues } from './valuePosterior';
import { floorOffer } from './withoutAstra';

export interface Suggestion {
  action: AstraAction;
  /** The act to send: propose/insist for an offer, agree, walkaway, end or statePreference. */
  act: Act;
  /** Own share: of the proposed offer, or of the partner's offer being accepted. */
  offer?: Allocation;
  explanation: Explanation;
}

/**
 * ASTRA's suggested response for `self`, a pure function of the state: opponent model and
 * consistency check → fairness and stance → Tit-for-Tat λ and maxScore, concession floor → LP
 * candidates → PAP and tactic assessment → decision. The state must be valid (see
 * `astraStateSchema`).
 */
export function suggest(state: AstraState): Suggestion {
  const domain = getDomain(state.domain);
  const options = resolveOptions(state.options);
  const { counts, utilities } = state;
  const record = readRecord(
    counts,
    domain.items.map((item) => item.id),
    state.history,
  );
  const valuations = partnerValuations(domain, counts, utilities);
  const valuesFor = posteriorValues(
    valuations,
    offerLogLikelihoods(valuations, record, domain.maxScore, options.offerRationality),
    templateValues(utilities, counts, domain.maxScore),
  );
  const checked = checkAndReinfer(
    record,
    inferIpp(record, utilities, domain.maxScore, valuesFor),
    utilities,
    domain.maxScore,
    valuesFor,
  );
  const ipp = checked.ipp;
  const fairness = assessFairness(domain, record, utilities, ipp.utilities, options.fairGapShare);
  const stance = assessStance(record, ipp.utilities, options.holdoutIsGreedy);
  const policy = titForTatPolicy(domain, stance.stance, record, utilities, options);
  const schedule = concessionSchedule(domain, record, utilities, ipp.utilities, options);
  const set = options.offerStages
    ? generateCandidates(domain, counts, utilities, ipp.utilities, policy, schedule.target, options)
    : {
        lambdas: [],
        maxScores: [],
        runs: [],
        candidates: floorOffer(domain, counts, utilities, ipp.utilities, schedule.target),
      };
  const context = buildTacticContext(
    domain,
    record,
    utilities,
    ipp,
    fairness,
    stance,
    set.candidates,
    options,
  );
  const selection = selectOffer(
    set.candidates,
    context,
    record,
    ipp.utilities,
    options,
    schedule.finalOffer,
  );
  const decision = decide(
    domain,
    record,
    utilities,
    ipp.utilities,
    selection.chosen,
    schedule,
    options,
  );
  const ownLatest = latest(record.ownOffers);
  let act: Act;
  let offer: Allocation | undefined;
  switch (decision.action) {
    case 'propose': {
      offer = selection.chosen?.allocation ?? ownLatest?.ownShare ?? [];
      const repeats = ownLatest !== null && allocationsEqual(ownLatest.ownShare, offer);
      act = { type: repeats ? 'insist' : 'propose', allocation: offer };
      break;
    }
    case 'accept':
      offer = latest(record.partnerOffers)?.ownShare;
      act = { type: 'agree' };
      break;
    case 'statePreference':
      act = {
        type: 'statePreference',
        item: decision.statement?.item ?? 0,
        priority: decision.statement?.priority ?? 'high',
      };
      break;
    case 'askPreference':
      act = { type: 'askPreference' };
      break;
    case 'walkaway':
      act = { type: 'walkaway' };
      break;
    case 'end':
      act = { type: 'end' };
      break;
  }
  const explanation = buildExplanation({
    domain,
    checked,
    fairness,
    stance,
    policy,
    schedule,
    runs: set.runs,
    lambdas: set.lambdas,
    maxScores: set.maxScores,
    selection,
    decision,
    offer: offer ?? null,
  });
  return offer === undefined
    ? { action: decision.action, act, explanation }
    : { action: decision.action, act, offer, explanation };
}
