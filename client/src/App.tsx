import { lazy, Suspense, useEffect } from 'react';
import { can } from '../../shared/protocol/roles';
import { SessionProvider, useSession } from './auth/session';
import { SetPasswordPage } from './auth/SetPasswordPage';
import { SignIn } from './auth/SignIn';
import { StudyEntry } from './auth/StudyEntry';
import { homeFor } from './layout/navigation';
import { NavBar } from './layout/NavBar';
import { StatusPage } from './layout/StatusPage';
import { matchPath, navigate, useLocation } from './routing/router';

// Each role's screens load on demand: workers never download the dashboard, researchers get
// ASTRA and the LP solver only if they open the workspace.
const AnnotatePage = lazy(() =>
  import('./annotate/AnnotatePage').then((m) => ({ default: m.AnnotatePage })),
);
const RoundsPage = lazy(() =>
  import('./dashboard/RoundsPage').then((m) => ({ default: m.RoundsPage })),
);
const GoldTasksPage = lazy(() =>
  import('./dashboard/GoldTasksPage').then((m) => ({ default: m.GoldTasksPage })),
);
const CreateRoundForm = lazy(() =>
  import('./dashboard/CreateRoundForm').then((m) => ({ default: m.CreateRoundForm })),
);
const RoundDetail = lazy(() =>
  import('./dashboard/RoundDetail').then((m) => ({ default: m.RoundDetail })),
);
const ReviewQueue = lazy(() =>
  import('./review/ReviewQueue').then((m) => ({ default: m.ReviewQueue })),
);
const ReviewAnnotation = lazy(() =>
  import('./review/ReviewAnnotation').then((m) => ({ default: m.ReviewAnnotation })),
);
const WorkersPage = lazy(() =>
  import('./review/WorkersPage').then((m) => ({ default: m.WorkersPage })),
);
const MyAnnotationsPage = lazy(() =>
  import('./review/MyAnnotationsPage').then((m) => ({ default: m.MyAnnotationsPage })),
);
const AuditPage = lazy(() => import('./review/AuditPage').then((m) => ({ default: m.AuditPage })));
const UsersPage = lazy(() => import('./admin/UsersPage').then((m) => ({ default: m.UsersPage })));
const StudiesPage = lazy(() =>
  import('./dashboard/StudiesPage').then((m) => ({ default: m.StudiesPage })),
);
const DatasetsPage = lazy(() =>
  import('./datasets/DatasetsPage').then((m) => ({ default: m.DatasetsPage })),
);

export function App() {
  return (
    <SessionProvider>
      <Routes />
    </SessionProvider>
  );
}

function Redirect({ to }: { to: string }) {
  useEffect(() => navigate(to, { replace: true }), [to]);
  return null;
}

/** The screens by path; signed-out visitors see sign-in (or the study entry of their link). */
function Routes() {
  const { user } = useSession();
  const { path, query } = useLocation();

  const study = matchPath('/study/:studyId', path);
  if (study !== null) {
    return <StudyEntry studyId={study.studyId as string} query={query} />;
  }
  // Opened signed in or out: the link itself says whose password is set.
  if (path === '/set-password') {
    return <SetPasswordPage />;
  }
  if (path === '/status') {
    return (
      <>
        {user !== null && user !== undefined && <NavBar user={user} path={path} />}
        <StatusPage />
      </>
    );
  }
  if (user === undefined) {
    return <p className="loading">Loading…</p>;
  }
  if (user === null) {
    if (path !== '/signin') {
      return <Redirect to={`/signin?next=${encodeURIComponent(path)}`} />;
    }
    return <SignIn next={query.get('next')} />;
  }
  if (path === '/signin' || path === '/') {
    return (
      <Redirect
        to={path === '/signin' ? (query.get('next') ?? homeFor(user.roles)) : homeFor(user.roles)}
      />
    );
  }

  const page = (() => {
    if (path === '/annotate') {
      return can(user.roles, 'annotate') ? <AnnotatePage user={user} /> : <Forbidden />;
    }
    if (path.startsWith('/rounds')) {
      if (!can(user.roles, 'manageRounds')) {
        return <Forbidden />;
      }
      if (path === '/rounds') {
        return <RoundsPage />;
      }
      if (path === '/rounds/new') {
        return <CreateRoundForm />;
      }
      if (path === '/rounds/gold-tasks') {
        return can(user.roles, 'manageGoldTasks') ? <GoldTasksPage /> : <Forbidden />;
      }
      const detail = matchPath('/rounds/:roundId', path);
      if (detail !== null) {
        return <RoundDetail key={detail.roundId} roundId={detail.roundId as string} />;
      }
    }
    if (path.startsWith('/review')) {
      if (!can(user.roles, 'review')) {
        return <Forbidden />;
      }
      if (path === '/review') {
        return <ReviewQueue />;
      }
      if (path === '/review/workers') {
        return <WorkersPage />;
      }
      const annotation = matchPath('/review/:annotationId', path);
      if (annotation !== null) {
        const id = annotation.annotationId as string;
        return <ReviewAnnotation key={id} annotationId={id} />;
      }
    }
    if (path === '/my-annotations') {
      return can(user.roles, 'annotate') ? <MyAnnotationsPage /> : <Forbidden />;
    }
    if (path === '/audit') {
      return can(user.roles, 'readAuditLog') ? <AuditPage /> : <Forbidden />;
    }
    if (path === '/admin/users') {
      return can(user.roles, 'manageUsers') ? <UsersPage /> : <Forbidden />;
    }
    if (path === '/studies') {
      return can(user.roles, 'manageStudies') ? <StudiesPage /> : <Forbidden />;
    }
    if (path === '/datasets') {
      return can(user.roles, 'manageDatasets') ? <DatasetsPage /> : <Forbidden />;
    }
    return <NotFound />;
  })();
  return (
    <>
      <NavBar user={user} path={path} />
      <Suspense fallback={<p className="loading">Loading…</p>}>{page}</Suspense>
    </>
  );
}

function Forbidden() {
  return (
    <main className="narrow">
      <h1>Not for your role</h1>
      <p>Your account cannot open this page. Use the navigation above.</p>
    </main>
  );
}

function NotFound() {
  return (
    <main className="narrow">
      <h1>Page not found</h1>
      <p>There is nothing at this address.</p>
    </main>
  );
}
