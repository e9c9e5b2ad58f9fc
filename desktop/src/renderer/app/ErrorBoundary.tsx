/** Keeps one failing screen from blanking the whole app. */
import { Component, type ReactNode } from 'react';
import { translate, initialLocale } from '../i18n/index.tsx';

/** Catches render errors of its children and offers a reload. */
export class ErrorBoundary extends Component<{ children: ReactNode }, { failed: boolean }> {
  override state = { failed: false };

  static getDerivedStateFromError(): { failed: boolean } {
    return { failed: true };
  }

  override componentDidCatch(error: Error): void {
    // A new build replaced the screen's code while this tab was open: load the new build once.
    if (/dynamically imported module|Importing a module script failed/i.test(error.message) && !sessionStorage.getItem('switchboard.reloaded')) {
      sessionStorage.setItem('switchboard.reloaded', '1');
      window.location.reload();
    }
  }

  override render(): ReactNode {
    if (!this.state.failed) return this.props.children;
    const locale = document.documentElement.lang === 'en' ? 'en' : initialLocale();
    return (
      <div className="page">
        <div className="error-box" role="alert">
          <span>{translate(locale, 'error.boundary')}</span>
          <button type="button" className="btn btn-secondary btn-sm" onClick={() => window.location.reload()}>
            {translate(locale, 'action.reload')}
          </button>
        </div>
      </div>
    );
  }
}
