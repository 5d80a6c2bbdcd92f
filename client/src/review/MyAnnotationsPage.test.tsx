import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { MyAnnotationView, Page } from '../../../shared/protocol/review';
import { MyAnnotationsPage } from './MyAnnotationsPage';

const rejected: MyAnnotationView = {
  id: 'a'.repeat(24),
  roundId: null,
  status: 'completed',
  startedAt: '2030-01-01T00:00:00.000Z',
  endedAt: '2030-01-01T00:05:00.000Z',
  outcome: { agreed: true, yourScore: 4 },
  review: {
    status: 'rejected',
    reason: 'You agreed before reading the offer.',
    bonusCents: 0,
    at: '2030-01-02T00:00:00.000Z',
  },
};
let requested: string[] = [];

beforeEach(() => {
  requested = [];
  vi.stubGlobal('fetch', (input: string) => {
    requested.push(input);
    const page: Page<MyAnnotationView> = { items: [rejected], page: 1, pageSize: 20, total: 1 };
    return Promise.resolve(new Response(JSON.stringify(page), { status: 200 }));
  });
});
afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe('My annotations', () => {
  it('shows the worker each review’s status and the reviewer’s reason', async () => {
    render(<MyAnnotationsPage />);
    expect(await screen.findByTestId('my-review-status')).toHaveProperty('textContent', 'rejected');
    expect(screen.getByTestId('my-review-reason').textContent).toBe(
      'You agreed before reading the offer.',
    );
    expect(requested).toEqual(['/api/my/annotations?page=1']);
  });
});
