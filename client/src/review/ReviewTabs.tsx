import { useSession } from '../auth/session';
import { can } from '../../../shared/protocol/roles';
import { Link } from '../routing/router';

/** The review console's sections: queue, workers, audit log (admins). */
export function ReviewTabs({ current }: { current: string }) {
  const { user } = useSession();
  const tabs = [
    { href: '/review', label: 'Queue' },
    { href: '/review/workers', label: 'Workers & agreement' },
    ...(user !== null && user !== undefined && can(user.roles, 'readAuditLog')
      ? [{ href: '/audit', label: 'Audit log' }]
      : []),
  ];
  return (
    <nav className="tabs" aria-label="Review console">
      {tabs.map((t) => (
        <Link key={t.href} href={t.href} aria-current={t.href === current ? 'page' : undefined}>
          {t.label}
        </Link>
      ))}
    </nav>
  );
}
