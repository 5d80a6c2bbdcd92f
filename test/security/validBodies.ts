import { generateDialogue } from '../../shared/corpus/generateCorpus';
import { parsePopulation } from '../../shared/corpus/population';
import { getDomain } from '../../shared/domain/domains';

/** A valid gold task body: a synthetic dialogue cut after an Alice act that leaves it open. */
export function goldTaskBody() {
  for (let index = 0; ; index++) {
    const record = generateDialogue(
      {
        domain: getDomain('dealornodeal'),
        dialogues: index + 1,
        seed: 5,
        population: parsePopulation('boulware:1,conceder:1'),
      },
      index,
    );
    const cutAt = record.turns.findIndex(
      (turn, i) => turn.speaker === 0 && i < record.turns.length - 3,
    );
    if (cutAt >= 0) {
      return { record, cutAt, expectations: { agreement: false }, redundancy: 1 };
    }
  }
}

/** A valid draft round (DealOrNoDeal, human annotation only), under the given name. */
export function validRound(name = 'private round') {
  return {
    name,
    domain: 'dealornodeal',
    selfPlayDialogues: 100,
    annotate: 10,
    oracleMix: { human: 1, simulatedExpert: 0, astra: 0 },
    redundancy: 2,
  };
}
