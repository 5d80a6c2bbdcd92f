import { suggest } from './shared/astra/suggest';
function show(st: Parameters<typeof suggest>[0]) {
  const s = suggest(st); const e = s.explanation;
  console.log(e.summary); console.log(e.tacticGroup, e.applicableTactics.map(a=>a.id), JSON.stringify(e.ipp.utilities));
  for (const c of e.candidates) console.log(c.allocation.join(','), c.ownScore, c.partnerScore.toFixed(2), c.pap.toFixed(2), c.sa.toFixed(2), c.tactic, c.final.toFixed(3));
}
show({ domain: 'dealornodeal', counts: [3,3,1], utilities: [2,0,4], history: [
  { speaker: 'self', act: { type: 'propose', allocation: [3,0,1] } },
  { speaker: 'partner', act: { type: 'propose', allocation: [0,3,1] } },
]});
show({ domain: 'casino', counts: [3,3,3], utilities: [4,3,5], history: [
  { speaker: 'partner', act: { type: 'propose', allocation: [3,3,2] } },
  { speaker: 'self', act: { type: 'propose', allocation: [3,2,3] } },
  { speaker: 'partner', act: { type: 'propose', allocation: [3,3,1] } },
]});
