/** Which rule made an ASTRA decision: shown to annotators and counted in tournaments. */
export type DecisionRule =
  | 'partnerAgreed'
  | 'answerPreferenceQuestion'
  | 'acceptOfferAtLeastOurs'
  | 'acceptEvenSplitAtEnd'
  | 'acceptAtDeadline'
  | 'walkAwayStubbornPartner'
  | 'walkAwayBelowBatna'
  | 'warnBelowBatna'
  | 'askPartnerPreferences'
  | 'askBeforeOpening'
  | 'proposeSelectedOffer'
  | 'repeatLatestOffer'
  | 'noOfferPossible';
