import { useEffect, useRef, useState } from 'react';
import type { Act } from '../../../shared/dialogue/acts';
import { casino } from '../../../shared/domain/casino';
import { dealOrNoDeal } from '../../../shared/domain/dealOrNoDeal';
import { NegotiationView } from './NegotiationView';
import { OutcomePanel } from './OutcomePanel';
import { PracticeGame } from './practice';
import { actSentence } from './sentences';

const exampleCounts = [1, 2, 3];
const exampleActs: { act: Act; what: string }[] = [
  {
    act: { type: 'propose', allocation: [1, 2, 0] },
    what: 'Propose a split (what you take; Alice gets the rest).',
  },
  {
    act: { type: 'insist', allocation: [1, 2, 0] },
    what: 'Insist: repeat your latest offer firmly.',
  },
  { act: { type: 'agree' }, what: "Agree to Alice's latest offer." },
  { act: { type: 'disagree' }, what: "Refuse Alice's latest offer." },
  { act: { type: 'end' }, what: 'End the talk; then both of you state the final split.' },
];

// CaSiNo tasks (camping supplies) add walking away and talk about priorities.
const campingCounts = [3, 3, 3];
const campingActs: { act: Act; what: string }[] = [
  {
    act: { type: 'askPreference' },
    what: 'Ask Alice which supplies matter most to her.',
  },
  {
    act: { type: 'statePreference', item: 1, priority: 'high' },
    what: 'Tell Alice how much an item matters to you (high, medium or low priority).',
  },
  {
    act: { type: 'walkaway' },
    what: `Walk away: the talk ends with no deal, and each of you gets ${casino.batna} points. You are asked to confirm first.`,
  },
];

/** How long the practice Alice "types" before she answers, so her replies can be followed. */
const practiceDelayMs = 700;

/**
 * Explains the game and the acts, then gates on a practice dialogue played in the browser
 * against a scripted Alice (nothing is sent to the server). Any finished practice unlocks tasks.
 */
export function Onboarding(props: { onDone: () => void; canSkip: boolean }) {
  const [step, setStep] = useState<'game' | 'acts' | 'practice'>('game');
  return (
    <main className="wide">
      <ol className="steps" aria-label="Onboarding steps">
        <li aria-current={step === 'game' ? 'step' : undefined}>1. The game</li>
        <li aria-current={step === 'acts' ? 'step' : undefined}>2. What you can say</li>
        <li aria-current={step === 'practice' ? 'step' : undefined}>3. Practice</li>
      </ol>
      {step === 'game' && (
        <section className="card prose">
          <h1>How the negotiation works</h1>
          <p>
            You and a computer partner, <strong>Alice</strong>, divide a few items — books, hats and
            balls. Each item is worth some points to you; Alice values them differently and neither
            of you sees the other&apos;s values.
          </p>
          <p>
            You take turns. A deal needs both of you to agree on the same split; without one, you
            both get nothing. Your goal: a deal that is good for you — but one Alice accepts.
          </p>
          <p>
            Some tasks are about <strong>camping supplies</strong> instead: food, water and firewood
            packages, three of each. There each item is your high, medium or low priority (5, 4 or 3
            points a package), and if there is no deal — or someone walks away — each of you still
            gets {casino.batna} points.
          </p>
          <p>
            Each task starts from a conversation that another Bob began: you take over Bob&apos;s
            seat at the marked point. Turns before it are labelled “Bob (before you)”.
          </p>
          <p>
            At any time an assistant, <strong>ASTRA</strong>, can suggest a move and explain why.
          </p>
          <button type="button" className="primary" onClick={() => setStep('acts')}>
            Next: what you can say
          </button>
        </section>
      )}
      {step === 'acts' && (
        <section className="card prose">
          <h1>What you can say</h1>
          <table className="acts">
            <tbody>
              {exampleActs.map(({ act, what }) => (
                <tr key={act.type}>
                  <th scope="row">{act.type}</th>
                  <td>{what}</td>
                  <td className="muted">“{actSentence(act, dealOrNoDeal, exampleCounts)}”</td>
                </tr>
              ))}
            </tbody>
          </table>
          <h2>In camping-supplies tasks you can also</h2>
          <table className="acts" aria-label="Camping-supplies moves">
            <tbody>
              {campingActs.map(({ act, what }) => (
                <tr key={act.type}>
                  <th scope="row">{act.type}</th>
                  <td>{what}</td>
                  <td className="muted">“{actSentence(act, casino, campingCounts)}”</td>
                </tr>
              ))}
            </tbody>
          </table>
          <p>
            Offers are built with + and − buttons; the screen always shows your score for the split.
            After the talk ends you confirm the split you agreed on.
          </p>
          <button type="button" className="primary" onClick={() => setStep('practice')}>
            Next: a practice dialogue
          </button>
        </section>
      )}
      {step === 'practice' && <Practice onDone={props.onDone} />}
      {props.canSkip && step !== 'practice' && (
        <p>
          <button type="button" className="link" onClick={props.onDone}>
            Skip onboarding (staff only)
          </button>
        </p>
      )}
    </main>
  );
}

function Practice({ onDone }: { onDone: () => void }) {
  const game = useRef<PracticeGame | null>(null);
  game.current ??= new PracticeGame();
  const [model, setModel] = useState(() => (game.current as PracticeGame).model());
  const [typing, setTyping] = useState(false);
  const g = game.current;

  // Alice moves whenever it is her turn, after a short "typing" pause.
  useEffect(() => {
    if (!g.aliceToMove()) {
      return;
    }
    setTyping(true);
    const timer = setTimeout(() => {
      g.aliceMoves();
      setTyping(false);
      setModel(g.model());
    }, practiceDelayMs);
    return () => clearTimeout(timer);
  }, [g, model]);

  const outcome = g.outcome();
  return (
    <section aria-label="Practice dialogue">
      <h1>Practice dialogue</h1>
      <p className="muted">
        A practice round against a scripted Alice. Nothing is recorded. Finish it (deal or no deal)
        to start real tasks.
      </p>
      <NegotiationView
        model={model}
        aliceTyping={typing}
        actions={{
          act: (act) => {
            const problem = g.act(act);
            setModel(g.model());
            return Promise.resolve(problem);
          },
          select: (allocation) => {
            const problem = g.select(allocation);
            setModel(g.model());
            return Promise.resolve(problem);
          },
          suggest: () => Promise.resolve(g.suggestion()),
        }}
        outcome={
          outcome !== null && (
            <OutcomePanel domain={model.domain} counts={model.counts} outcome={outcome}>
              <p>Practice done — you are ready for real tasks.</p>
              <button type="button" className="primary" onClick={onDone}>
                Start annotating
              </button>
            </OutcomePanel>
          )
        }
      />
    </section>
  );
}
