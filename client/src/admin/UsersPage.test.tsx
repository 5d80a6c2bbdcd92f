import { act, cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { AdminUserView } from '../../../shared/protocol/users';
import { UsersPage } from './UsersPage';

/** Answers of `GET /api/admin/users`, released by the test in the order it chooses. */
let pending: { search: string | null; release: () => void }[] = [];

const user = (username: string): AdminUserView => ({
  id: username.padEnd(24, '0').slice(0, 24),
  username,
  roles: ['worker'],
  study: null,
  blocked: false,
  invited: false,
  lockedUntil: null,
  createdAt: '2030-01-01T00:00:00.000Z',
  lastLoginAt: null,
});
const everyone = ['alma', 'alba', 'bert'];

beforeEach(() => {
  pending = [];
  vi.stubGlobal('fetch', (input: string) => {
    const search = new URL(input, 'http://parley.test').searchParams.get('search');
    const items = everyone.filter((name) => search === null || name.includes(search)).map(user);
    const body = JSON.stringify({ items, page: 1, pageSize: 20, total: items.length });
    return new Promise<Response>((resolve) => {
      pending.push({ search, release: () => resolve(new Response(body, { status: 200 })) });
    });
  });
});
afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

const shown = () =>
  screen.queryAllByTestId(/^user-row-/).map((row) => row.getAttribute('data-testid'));

async function release(search: string | null) {
  const answer = pending.find((p) => p.search === search);
  expect(answer, `a request for ${String(search)}`).toBeDefined();
  await act(async () => {
    answer?.release();
    await Promise.resolve();
  });
}

describe('user search', () => {
  it('shows the answer to the latest search even when an earlier answer arrives last', async () => {
    render(<UsersPage />);
    await release(null);
    await waitFor(() => expect(shown()).toHaveLength(3));

    const box = screen.getByLabelText('Search');
    fireEvent.change(box, { target: { value: 'al' } });
    fireEvent.change(box, { target: { value: 'alm' } });
    await waitFor(() => expect(pending.map((p) => p.search)).toContain('alm'));
    await release('alm');
    await release('al');
    await waitFor(() => expect(shown()).toEqual(['user-row-alma']));
  });

  it('never shows the previous search’s rows as the answer to a new one', async () => {
    render(<UsersPage />);
    await release(null);
    await waitFor(() => expect(shown()).toHaveLength(3));
    fireEvent.change(screen.getByLabelText('Search'), { target: { value: 'bert' } });
    // Until the answer for "bert" arrives, the rows of the unfiltered list are gone.
    await waitFor(() => expect(shown()).toEqual([]));
    await release('bert');
    await waitFor(() => expect(shown()).toEqual(['user-row-bert']));
  });
});
