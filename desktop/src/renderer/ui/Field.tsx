/**
 * Form fields with their label, hint and error wired for assistive technology
 * (`aria-describedby`, `aria-invalid`). Every input of the app goes through these.
 */
import { useId, useState, type InputHTMLAttributes, type ReactNode, type SelectHTMLAttributes, type TextareaHTMLAttributes } from 'react';
import { useI18n } from '../i18n/index.tsx';
import { IconButton } from './Button.tsx';

interface FieldShellProps {
  label: ReactNode;
  hint?: ReactNode;
  error?: ReactNode;
  id: string;
  children: ReactNode;
  className?: string;
}

/** Label + control + hint + error. */
function FieldShell({ label, hint, error, id, children, className }: FieldShellProps) {
  return (
    <div className={`field${error ? ' field-invalid' : ''}${className ? ` ${className}` : ''}`}>
      <label htmlFor={id}>{label}</label>
      {children}
      {hint && !error && (
        <p className="field-hint" id={`${id}-hint`}>
          {hint}
        </p>
      )}
      {error && (
        <p className="field-error" id={`${id}-error`} role="alert">
          {error}
        </p>
      )}
    </div>
  );
}

/** `aria-describedby` for a field's hint or error. */
function describedBy(id: string, hint: unknown, error: unknown): string | undefined {
  if (error) return `${id}-error`;
  if (hint) return `${id}-hint`;
  return undefined;
}

/** Props shared by the fields. */
interface LabelProps {
  label: ReactNode;
  hint?: ReactNode;
  error?: ReactNode;
}

/** A text input with its label. */
export function TextField({ label, hint, error, className, id: given, ...rest }: LabelProps & InputHTMLAttributes<HTMLInputElement>) {
  const auto = useId();
  const id = given ?? auto;
  return (
    <FieldShell label={label} hint={hint} error={error} id={id} {...(className ? { className } : {})}>
      <input id={id} className="input" aria-invalid={error ? true : undefined} aria-describedby={describedBy(id, hint, error)} {...rest} />
    </FieldShell>
  );
}

/** A password input with a show/hide toggle. */
export function PasswordField({ label, hint, error, className, id: given, ...rest }: LabelProps & Omit<InputHTMLAttributes<HTMLInputElement>, 'type'>) {
  const auto = useId();
  const id = given ?? auto;
  const [shown, setShown] = useState(false);
  const { t } = useI18n();
  return (
    <FieldShell label={label} hint={hint} error={error} id={id} {...(className ? { className } : {})}>
      <div className="input-group">
        <input id={id} className="input" type={shown ? 'text' : 'password'} aria-invalid={error ? true : undefined} aria-describedby={describedBy(id, hint, error)} {...rest} />
        <IconButton icon={shown ? 'eyeOff' : 'eye'} label={shown ? t('login.hidePassword') : t('login.showPassword')} size="sm" onClick={() => setShown((s) => !s)} aria-pressed={shown} />
      </div>
    </FieldShell>
  );
}

/** A select with its label. */
export function SelectField({ label, hint, error, className, id: given, children, ...rest }: LabelProps & SelectHTMLAttributes<HTMLSelectElement>) {
  const auto = useId();
  const id = given ?? auto;
  return (
    <FieldShell label={label} hint={hint} error={error} id={id} {...(className ? { className } : {})}>
      <select id={id} className="input" aria-invalid={error ? true : undefined} aria-describedby={describedBy(id, hint, error)} {...rest}>
        {children}
      </select>
    </FieldShell>
  );
}

/** A textarea with its label. */
export function TextAreaField({ label, hint, error, className, id: given, ...rest }: LabelProps & TextareaHTMLAttributes<HTMLTextAreaElement>) {
  const auto = useId();
  const id = given ?? auto;
  return (
    <FieldShell label={label} hint={hint} error={error} id={id} {...(className ? { className } : {})}>
      <textarea id={id} className="input" aria-invalid={error ? true : undefined} aria-describedby={describedBy(id, hint, error)} {...rest} />
    </FieldShell>
  );
}

/** A checkbox with its label on the right. */
export function CheckboxField({ label, hint, id: given, ...rest }: { label: ReactNode; hint?: ReactNode } & Omit<InputHTMLAttributes<HTMLInputElement>, 'type'>) {
  const auto = useId();
  const id = given ?? auto;
  return (
    <div className="field field-check">
      <input id={id} type="checkbox" aria-describedby={hint ? `${id}-hint` : undefined} {...rest} />
      <label htmlFor={id}>{label}</label>
      {hint && (
        <p className="field-hint" id={`${id}-hint`}>
          {hint}
        </p>
      )}
    </div>
  );
}
