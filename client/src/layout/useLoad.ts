import { useCallback, useEffect, useState } from 'react';
import { ApiError } from '../api/http';

/**
 * Loads something from the API when `key` changes; `reload()` fetches again (after a write).
 * An answer that arrives after a newer request started is dropped. `loadedKey` is the key
 * `data` was loaded for: a screen whose rows answer a search compares it with its key, so it
 * does not show the previous search's rows as the new one's while the new answer is on its way.
 */
export function useLoad<T>(load: () => Promise<T>, key: string) {
  const [data, setData] = useState<T | null>(null);
  const [loadedKey, setLoadedKey] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [version, setVersion] = useState(0);
  useEffect(() => {
    let current = true;
    setError(null);
    load().then(
      (value) => {
        if (current) {
          setData(value);
          setLoadedKey(key);
        }
      },
      (e: unknown) => current && setError(e instanceof ApiError ? e.message : String(e)),
    );
    return () => {
      current = false;
    };
    // `key` stands for the inputs of `load`: a new closure each render must not refetch.
  }, [key, version]);
  const reload = useCallback(() => setVersion((v) => v + 1), []);
  return { data, error, reload, loadedKey };
}
