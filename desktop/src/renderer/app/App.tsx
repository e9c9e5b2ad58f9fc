/**
 * Routes of the app. Signed out: login, forgot and reset password. A user with a temporary
 * password sees only the forced change. Signed in: the shell with the sections the user may
 * use; a section they may not use is not routed at all (the URL says so, and leads back home).
 */
import { Suspense, type ReactNode } from 'react';
import { matchPath, Navigate, Route, Routes, useLocation, useNavigate } from 'react-router';
import { useAuth } from '../auth/AuthProvider.tsx';
import { useI18n } from '../i18n/index.tsx';
import { Shell } from '../layout/Shell.tsx';
import { homePath } from '../layout/nav.ts';
import { RealtimeProvider } from '../realtime/RealtimeProvider.tsx';
import { InboxProvider } from '../screens/inbox/InboxProvider.tsx';
import { MediaProvider } from '../screens/inbox/media/MediaContext.tsx';
import { AuthLayout } from '../screens/auth/AuthLayout.tsx';
import { ChangePasswordScreen, ForcedChangePasswordScreen } from '../screens/auth/ChangePasswordScreen.tsx';
import { ForgotPasswordScreen } from '../screens/auth/ForgotPasswordScreen.tsx';
import { LoginScreen } from '../screens/auth/LoginScreen.tsx';
import { ResetPasswordScreen } from '../screens/auth/ResetPasswordScreen.tsx';
import { Button } from '../ui/Button.tsx';
import { EmptyState, Loading, Notice } from '../ui/Feedback.tsx';
import { ErrorBoundary } from './ErrorBoundary.tsx';
import { SECTIONS } from './sections.tsx';

/** The whole app below the providers. */
export function App() {
  const auth = useAuth();
  const { t } = useI18n();
  const location = useLocation();
  const { state } = auth;

  if (state.status === 'loading') return <Loading />;
  if (state.status === 'unreachable') {
    return (
      <AuthLayout title={t('unreachable.title')}>
        <Notice kind="warning">{t('unreachable.body')}</Notice>
        <Button icon="refresh" onClick={auth.retry}>
          {t('action.retry')}
        </Button>
      </AuthLayout>
    );
  }
  if (state.status === 'signed-out') {
    return (
      <Routes>
        <Route path="/forgot-password" element={<ForgotPasswordScreen />} />
        <Route path="/reset-password" element={<ResetPasswordScreen />} />
        <Route path="/login" element={<LoginScreen reason={state.reason} />} />
        <Route path="*" element={<Navigate to="/login" replace state={location.pathname !== '/' ? { from: location.pathname + location.search } : null} />} />
      </Routes>
    );
  }
  if (state.me.mustChangePassword) {
    return (
      <Routes>
        <Route path="/change-password" element={<ForcedChangePasswordScreen />} />
        <Route path="*" element={<Navigate to="/change-password" replace />} />
      </Routes>
    );
  }
  const home = homePath(state.ability);
  // Signing in re-renders this at /login before the login screen navigates: go where the user
  // was sent from (a deep link, an emailed link), not home.
  const from = (location.state as { from?: unknown } | null)?.from;
  const afterLogin = typeof from === 'string' && from.startsWith('/') && !from.startsWith('//') ? from : home;
  const shell = (
      <Shell>
        <ErrorBoundary key={location.pathname.split('/')[1]}>
          <Suspense fallback={<Loading />}>
            <Routes>
              <Route path="/" element={<Navigate to={home} replace />} />
              <Route path="/login" element={<Navigate to={afterLogin} replace />} />
              <Route path="/reset-password" element={<Navigate to={home} replace />} />
              <Route path="/change-password" element={<ChangePasswordScreen />} />
              {SECTIONS.filter((s) => s.visible(state.ability)).map((s) => (
                <Route key={s.path} path={s.path} element={s.element} />
              ))}
              <Route path="*" element={<NotFound home={home} forbidden={SECTIONS.some((s) => !s.visible(state.ability) && matchPath(s.path, location.pathname))} />} />
            </Routes>
          </Suspense>
        </ErrorBoundary>
      </Shell>
  );
  // Users who read chats get the inbox's live state app-wide (badge, notifications, outbox).
  return (
    <RealtimeProvider>
      {state.ability.can('read', 'Chat') ? (
        <MediaProvider>
          <InboxProvider>{shell}</InboxProvider>
        </MediaProvider>
      ) : (
        shell
      )}
    </RealtimeProvider>
  );
}

/**
 * Unknown or forbidden URL: which of the two (a screen the user's role does not open, say, from
 * a colleague's link), and the way back to the user's first screen.
 */
function NotFound({ home, forbidden }: { home: string; forbidden: boolean }): ReactNode {
  const { t } = useI18n();
  const navigate = useNavigate();
  return (
    <div className="page">
      <EmptyState
        icon={forbidden ? 'lock' : 'info'}
        title={t(forbidden ? 'error.pageForbidden' : 'error.pageNotFound')}
        action={
          <Button variant="primary" onClick={() => navigate(home)}>
            {t('error.goHome')}
          </Button>
        }
      >
        {forbidden ? t('error.pageForbiddenHelp') : t('error.pageNotFoundHelp')}
      </EmptyState>
    </div>
  );
}

