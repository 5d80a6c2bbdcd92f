import { useEffect, useState } from 'react';
import type { RoundView } from '../../../shared/protocol/rounds';
import { applyProgress } from './roundProgressState';
import { connectRounds, getRound, listRounds } from './roundsApi';

/**
 * Rounds loaded over REST and kept live by `round:progress` pushes on `/rounds`. A push for a
 * round not loaded yet (created elsewhere) fetches it, as does one saying a round is evaluated
 * (the push has no results).
 */
export function useRounds(roundId?: string) {
  const [rounds, setRounds] = useState<RoundView[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [live, setLive] = useState(false);

  useEffect(() => {
    let cancelled = false;
    const load = roundId === undefined ? listRounds() : getRound(roundId).then((r) => [r]);
    load
      .then((loaded) => !cancelled && setRounds(loaded))
      .catch((e: unknown) => !cancelled && setError(e instanceof Error ? e.message : String(e)));
    const socket = connectRounds();
    socket.on('connect', () => setLive(true));
    socket.on('disconnect', () => setLive(false));
    socket.on('round:progress', (event) => {
      if (roundId !== undefined && event.roundId !== roundId) {
        return;
      }
      setRounds((current) => {
        if (current === null) {
          return current;
        }
        if (!current.some((r) => r.id === event.roundId)) {
          void getRound(event.roundId).then((r) =>
            setRounds((now) =>
              now === null || now.some((x) => x.id === r.id) ? now : [r, ...now],
            ),
          );
          return current;
        }
        return current.map((r) => applyProgress(r, event));
      });
      // A push carries the status, not the results: an evaluated round is fetched whole.
      if (event.stage === 'evaluated') {
        void getRound(event.roundId).then(
          (r) => !cancelled && setRounds((now) => now?.map((x) => (x.id === r.id ? r : x)) ?? now),
        );
      }
    });
    return () => {
      cancelled = true;
      socket.close();
    };
  }, [roundId]);

  const replace = (round: RoundView) =>
    setRounds((current) => current?.map((r) => (r.id === round.id ? round : r)) ?? [round]);
  return { rounds, error, live, replace };
}
