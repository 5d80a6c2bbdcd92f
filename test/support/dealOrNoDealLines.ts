// Hand-written lines in the original format: 2 books, 1 hat, 2 balls; side A values 3/2/1,
// side B 1/4/2. One dialogue written from both sides, one side without its mirror, one bad line.
const A = '2 3 1 2 2 1';
const B = '2 1 1 4 2 2';
const line = (input: string, partner: string, dialogue: string, output: string) =>
  `<input> ${input} </input> <dialogue> ${dialogue} </dialogue> <output> ${output} </output> <partner_input> ${partner} </partner_input>`;
export const dealOrNoDealLines = [
  line(
    A,
    B,
    'YOU: i need the books , you can have the rest <eos> THEM: deal <eos> YOU: <selection>',
    'item0=2 item1=0 item2=0 item0=0 item1=1 item2=2',
  ),
  line(
    A,
    B,
    'THEM: can i have everything ? <eos> YOU: no way <eos> THEM: <selection>',
    Array(6).fill('<no_agreement>').join(' '),
  ),
  line(
    B,
    A,
    'THEM: i need the books , you can have the rest <eos> YOU: deal <eos> THEM: <selection>',
    'item0=0 item1=1 item2=2 item0=2 item1=0 item2=0',
  ),
  '<input> 2 3 1 2 </input> nonsense',
];
