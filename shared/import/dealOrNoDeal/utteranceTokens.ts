/**
 * Tokens of a DealOrNoDeal utterance for the rule-based parser: lower-case words and
 * punctuation, with contractions and common spellings normalised ("i'll" → i will,
 * "can't" → can not, "u" → you, "gimme" → give me), so that the rules match whole words only.
 */
export function utteranceTokens(text: string): string[] {
  const raw = text
    .toLowerCase()
    .replace(/[’`´]/g, "'")
    .match(/[a-z0-9']+|[.,!?;:]/g);
  return (raw ?? []).flatMap(normalised);
}

const rewrites: Readonly<Record<string, readonly string[]>> = {
  "i'll": ['i', 'will'],
  ill: ['i', 'will'],
  "i'd": ['i', 'would'],
  id: ['i', 'would'],
  "i'm": ['i', 'am'],
  im: ['i', 'am'],
  "i've": ['i', 'have'],
  ive: ['i', 'have'],
  "you'll": ['you', 'will'],
  youll: ['you', 'will'],
  "you'd": ['you', 'would'],
  "you're": ['you', 'are'],
  youre: ['you', 'are'],
  u: ['you'],
  ya: ['you'],
  ur: ['your'],
  gimme: ['give', 'me'],
  lemme: ['let', 'me'],
  "let's": ['let', 'us'],
  lets: ['let', 'us'],
  "can't": ['can', 'not'],
  cant: ['can', 'not'],
  cannot: ['can', 'not'],
  "won't": ['will', 'not'],
  wont: ['will', 'not'],
  "that's": ['that', 'is'],
  thats: ['that', 'is'],
  "it's": ['it', 'is'],
  okay: ['ok'],
  okey: ['ok'],
  k: ['ok'],
  kk: ['ok'],
  yea: ['yes'],
  yeah: ['yes'],
  yep: ['yes'],
  yup: ['yes'],
  basketball: ['ball'],
  basketballs: ['balls'],
  // Misspellings of the items seen in the human data.
  hates: ['hats'],
  bks: ['books'],
  bk: ['book'],
  boks: ['books'],
  bok: ['book'],
  bls: ['balls'],
  bals: ['balls'],
  balss: ['balls'],
  hts: ['hats'],
  // Words standing for every item: "i'll take all the items" → all the rest.
  items: ['rest'],
  things: ['rest'],
  stuff: ['rest'],
  nodeal: ['no', 'deal'],
  nd: ['no', 'deal'],
  okie: ['ok'],
  thx: ['thanks'],
  ty: ['thanks'],
  thanx: ['thanks'],
  thnx: ['thanks'],
  yeh: ['yes'],
  yah: ['yes'],
  oka: ['ok'],
  okk: ['ok'],
  kay: ['ok'],
};

/** Words ending in n't, and their unapostrophised spellings (dont, doesnt, isnt, …). */
const notWords =
  /^(do|does|did|is|are|was|were|would|could|should|has|have|had|ai|must|need)(n't|nt)$/;

function normalised(token: string): readonly string[] {
  const rewrite = rewrites[token];
  if (rewrite !== undefined) {
    return rewrite;
  }
  const match = notWords.exec(token);
  if (match !== null) {
    return [match[1] ?? token, 'not'];
  }
  return [token.replace(/'s$/, '')];
}
