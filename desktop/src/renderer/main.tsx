/**
 * Entry of the renderer: picks the platform (browser tab or Electron), then mounts the
 * providers (translation, toasts, authentication, router) around the app. In Electron the
 * server URL is chosen on first start.
 */
import { StrictMode, useEffect, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { BrowserRouter, useNavigate } from 'react-router';
import { App } from './app/App.tsx';
import { AuthProvider } from './auth/AuthProvider.tsx';
import { I18nProvider } from './i18n/index.tsx';
import { browserPlatform, desktopBridge, desktopPlatform, type Platform } from './platform/platform.ts';
import { loadTheme, showTheme } from './layout/theme.ts';
import { ServerSetupScreen } from './screens/auth/ServerSetupScreen.tsx';
import { Loading } from './ui/Feedback.tsx';
import { ToastProvider } from './ui/Toasts.tsx';
import './styles/app.css';

/** Follows navigation requests from the desktop shell (deep links, clicked notifications). */
function DesktopNavigation({ platform }: { platform: Platform }) {
  const navigate = useNavigate();
  useEffect(() => platform.onNavigate((route) => navigate(route)), [platform, navigate]);
  return null;
}

/** Resolves the platform (asks for the server URL the first time in Electron). */
function Root() {
  const bridge = desktopBridge();
  const [platform, setPlatform] = useState<Platform | null>(() => (bridge ? null : browserPlatform()));
  const [needsServer, setNeedsServer] = useState(false);
  useEffect(() => {
    if (!bridge) return;
    void bridge.getServerUrl().then((url) => {
      if (url) setPlatform(desktopPlatform(bridge, url));
      else setNeedsServer(true);
    });
  }, [bridge]);
  if (bridge && needsServer && !platform) {
    return (
      <ServerSetupScreen
        bridge={bridge}
        onDone={(url) => {
          setNeedsServer(false);
          setPlatform(desktopPlatform(bridge, url));
        }}
      />
    );
  }
  if (!platform) return <Loading />;
  return (
    <AuthProvider platform={platform}>
      <DesktopNavigation platform={platform} />
      <App />
    </AuthProvider>
  );
}

// Light or dark before the first paint, the login screen included (layout/theme.ts).
showTheme(loadTheme());

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <I18nProvider>
      <ToastProvider>
        <BrowserRouter>
          <Root />
        </BrowserRouter>
      </ToastProvider>
    </I18nProvider>
  </StrictMode>,
);
