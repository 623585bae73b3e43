import { lazy, Suspense, type ReactNode } from 'react';
import { createBrowserRouter, Navigate, useLocation } from 'react-router';
import { Skeleton } from '@/components/ui/feedback';
import { PeriodProvider } from '@/features/periods/components/period-context';
import { useAuth } from '@/lib/auth';
import { Layout } from './layout';
import { MyOkrsPage } from './routes/my-okrs';
import { NotFoundPage } from './routes/not-found';
import { AcceptInvitationPage, ForgotPasswordPage, ResetPasswordPage } from './routes/account-links';
import { SignInPage, SingleSignOnLandingPage } from './routes/sign-in';

// Heavier screens load on demand, so the first page stays small.
const ObjectivePage = lazy(() => import('./routes/objective'));
const AttentionPage = lazy(() => import('./routes/attention'));
const PersonPage = lazy(() => import('./routes/person'));
const NewObjectivePage = lazy(() => import('./routes/objective-new'));
const EditObjectivePage = lazy(() => import('./routes/objective-edit'));
const AlignmentPage = lazy(() => import('./routes/alignment'));
const TeamsPage = lazy(() => import('./routes/teams'));
const TeamPage = lazy(() => import('./routes/team'));
const AdminPage = lazy(() => import('./routes/admin'));
const AccountPage = lazy(() => import('./routes/account'));
const PeriodPage = lazy(() => import('./routes/period'));
const ConversationsPage = lazy(() => import('./routes/conversations'));
const ConversationPage = lazy(() => import('./routes/conversation'));
const NotificationsPage = lazy(() => import('./routes/notifications'));

function RequireSession({ children }: { children: ReactNode }) {
  const auth = useAuth();
  const location = useLocation();
  if (!auth.session) return <Navigate to="/sign-in" replace state={{ from: location.pathname + location.search }} />;
  return children;
}

const page = (element: ReactNode) => <Suspense fallback={<Skeleton lines={4} />}>{element}</Suspense>;

export const router = createBrowserRouter([
  { path: '/sign-in', element: <SignInPage /> },
  { path: '/signed-in', element: <SingleSignOnLandingPage /> },
  { path: '/forgot-password', element: <ForgotPasswordPage /> },
  { path: '/reset-password', element: <ResetPasswordPage /> },
  { path: '/invitation', element: <AcceptInvitationPage /> },
  {
    element: (
      <RequireSession>
        <PeriodProvider>
          <Layout />
        </PeriodProvider>
      </RequireSession>
    ),
    children: [
      { index: true, element: <MyOkrsPage /> },
      { path: 'objectives/new', element: page(<NewObjectivePage />) },
      { path: 'objectives/:id', element: page(<ObjectivePage />) },
      { path: 'objectives/:id/edit', element: page(<EditObjectivePage />) },
      { path: 'alignment', element: page(<AlignmentPage />) },
      { path: 'attention', element: page(<AttentionPage />) },
      { path: 'people/:id', element: page(<PersonPage />) },
      { path: 'company', element: page(<TeamPage company />) },
      { path: 'teams', element: page(<TeamsPage />) },
      { path: 'teams/:id', element: page(<TeamPage />) },
      { path: 'conversations', element: page(<ConversationsPage />) },
      { path: 'reports', element: page(<ConversationsPage />) },
      { path: 'conversations/:id', element: page(<ConversationPage />) },
      { path: 'periods', element: page(<PeriodPage />) },
      { path: 'periods/:id', element: page(<PeriodPage />) },
      { path: 'admin', element: page(<AdminPage />) },
      { path: 'account', element: page(<AccountPage />) },
      { path: 'notifications', element: page(<NotificationsPage />) },
      { path: '*', element: <NotFoundPage /> },
    ],
  },
]);
