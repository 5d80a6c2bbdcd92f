import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { Questionnaire } from './Questionnaire';

afterEach(cleanup);

const info = {
  partner: 'Partner 2',
  position: 1,
  of: 3,
  questionnaire: [
    { id: 'quality', text: 'My partner is a good negotiator.', kind: 'likert' as const },
    { id: 'comment', text: 'Anything else?', kind: 'open' as const },
  ],
};

describe('the questionnaire after an evaluation dialogue', () => {
  it('names the partner only by its label, and sends once every scale is answered', async () => {
    const sent: Record<string, number | string>[] = [];
    render(
      <Questionnaire
        info={info}
        onSubmit={(answers) => {
          sent.push(answers);
          return Promise.resolve(null);
        }}
      />,
    );
    expect(screen.getByRole('heading').textContent).toBe('About Partner 2');
    const send = screen.getByRole('button', { name: 'Send my answers' });
    expect((send as HTMLButtonElement).disabled).toBe(true);
    fireEvent.click(screen.getByRole('radio', { name: '4' }));
    expect((send as HTMLButtonElement).disabled).toBe(false);
    fireEvent.click(send);
    await screen.findByRole('button', { name: 'Send my answers' });
    // The empty open answer is left out, not sent as "".
    expect(sent).toEqual([{ quality: 4 }]);
  });
});
