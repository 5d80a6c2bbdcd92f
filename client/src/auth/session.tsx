import type { StudyEnterBody } from '../../../shared/protocol/studies';
import {
  createContext,
  useCallback,
  useContext,
  useEffect,
  useRef,
  useState,
  type ReactNode,
} from 'react';
import { authRoutes } from '../../../shared/contracts/authRoutes';
import type { UserView } from '../../../shared/protocol/auth';
import { call } from '../api/call';
import { ApiError } from '../api/http';

interface Session {
  /** undefined while the first `GET /auth/me` is under way; null when signed out. */
  user: UserView | null | undefined;
  signIn: (username: string, password: string) => Promise<void>;
  enterStudy: (entry: StudyEnterBody) => Promise<void>;
  signOut: () => Promise<void>;
}

const SessionContext = createContext<Session | null>(null);

export function SessionProvider({ children }: { children: ReactNode }) {
  const [user, setUserState] = useState<UserView | null | undefined>(undefined);
  // A study link signs in while the first `/auth/me` is still under way; its late 401 must not
  // sign the new user out again. Any explicit change wins over that first answer.
  const changed = useRef(false);
  const setUser = useCallback((next: UserView | null) => {
    changed.current = true;
    setUserState(next);
  }, []);

  useEffect(() => {
    call(authRoutes.me, {})
      .then(({ user: me }) => {
        if (!changed.current) {
          setUserState(me);
        }
      })
      .catch((error: unknown) => {
        if (!(error instanceof ApiError) || error.status !== 401) {
          console.warn('could not load the session', error);
        }
        if (!changed.current) {
          setUserState(null);
        }
      });
  }, []);

  const signIn = useCallback(
    async (username: string, password: string) => {
      const { user: me } = await call(authRoutes.login, { body: { username, password } });
      setUser(me);
    },
    [setUser],
  );
  const enterStudy = useCallback(
    async (entry: StudyEnterBody) => {
      const { user: me } = await call(authRoutes.studyEnter, { body: entry });
      setUser(me);
    },
    [setUser],
  );
  const signOut = useCallback(async () => {
    await call(authRoutes.logout, {});
    setUser(null);
  }, [setUser]);

  return (
    <SessionContext.Provider value={{ user, signIn, enterStudy, signOut }}>
      {children}
    </SessionContext.Provider>
  );
}

export function useSession(): Session {
  const session = useContext(SessionContext);
  if (session === null) {
    throw new Error('useSession outside SessionProvider');
  }
  return session;
}
