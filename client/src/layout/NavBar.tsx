import type { UserView } from '../../../shared/protocol/auth';
import { useSession } from '../auth/session';
import { Link, navigate } from '../routing/router';
import { navFor } from './navigation';

export function NavBar({ user, path }: { user: UserView; path: string }) {
  const { signOut } = useSession();
  return (
    <header className="navbar">
      <Link href="/" className="brand">
        Parley
      </Link>
      <nav aria-label="Main">
        {navFor(user.roles).map((item) => (
          <Link
            key={item.href}
            href={item.href}
            aria-current={path.startsWith(item.href) ? 'page' : undefined}
          >
            {item.label}
          </Link>
        ))}
        <Link href="/status" aria-current={path === '/status' ? 'page' : undefined}>
          Status
        </Link>
      </nav>
      <span className="who">
        {user.study === null ? user.username : `Study ${user.study.studyId}`}{' '}
        <span className="muted">({user.roles.join(', ')})</span>
      </span>
      <button
        type="button"
        className="link"
        onClick={() => void signOut().then(() => navigate('/signin', { replace: true }))}
      >
        Sign out
      </button>
    </header>
  );
}
