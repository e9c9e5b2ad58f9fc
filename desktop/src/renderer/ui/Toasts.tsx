/**
 * Short confirmations and errors in a polite live region (read by screen readers, never
 * stealing focus). Errors stay until dismissed; confirmations fade after a few seconds.
 */
import { createContext, useCallback, useContext, useMemo, useRef, useState, type ReactNode } from 'react';
import { useI18n } from '../i18n/index.tsx';
import { IconButton } from './Button.tsx';
import { Icon } from './Icon.tsx';

/** Kind of a toast. */
export type ToastKind = 'success' | 'error' | 'info';

interface Toast {
  id: number;
  kind: ToastKind;
  text: string;
}

/** What `useToast()` gives. */
export interface ToastApi {
  show(text: string, kind?: ToastKind): void;
  success(text: string): void;
  error(text: string): void;
}

const ToastContext = createContext<ToastApi | null>(null);

/** Renders the toasts of the tree. */
export function ToastProvider({ children }: { children: ReactNode }) {
  const [toasts, setToasts] = useState<Toast[]>([]);
  const next = useRef(1);
  const { t } = useI18n();
  const dismiss = useCallback((id: number) => setToasts((list) => list.filter((x) => x.id !== id)), []);
  const show = useCallback(
    (text: string, kind: ToastKind = 'info') => {
      const id = next.current++;
      setToasts((list) => [...list.slice(-4), { id, kind, text }]);
      if (kind !== 'error') setTimeout(() => dismiss(id), 5000);
    },
    [dismiss],
  );
  const api = useMemo<ToastApi>(() => ({ show, success: (x) => show(x, 'success'), error: (x) => show(x, 'error') }), [show]);
  return (
    <ToastContext.Provider value={api}>
      {children}
      <div className="toasts" role="status" aria-live="polite">
        {toasts.map((x) => (
          <div key={x.id} className={`toast toast-${x.kind}`}>
            <Icon name={x.kind === 'error' ? 'alert' : x.kind === 'success' ? 'check' : 'info'} />
            <span>{x.text}</span>
            <IconButton icon="x" size="sm" label={t('action.close')} onClick={() => dismiss(x.id)} />
          </div>
        ))}
      </div>
    </ToastContext.Provider>
  );
}

/** Shows toasts. */
export function useToast(): ToastApi {
  const v = useContext(ToastContext);
  if (!v) throw new Error('useToast outside ToastProvider');
  return v;
}
