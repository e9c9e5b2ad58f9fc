/**
 * The state of a form's submission: busy while it runs, and what went wrong as the server said
 * it (field errors of a `validation_failed`, else one sentence in the user's language).
 */
import { useState } from 'react';
import type { I18n } from '../i18n/index.tsx';
import { errorText, fieldErrors } from './errors.ts';

/** Busy flag, errors, a reset and `run(task)`, which clears the errors, runs and records a failure. */
export function useSubmit(t: I18n['t']) {
  const [busy, setBusy] = useState(false);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [error, setError] = useState<string | null>(null);
  const reset = () => {
    setErrors({});
    setError(null);
  };
  const run = async (task: () => Promise<void>) => {
    setBusy(true);
    reset();
    try {
      await task();
    } catch (err) {
      setErrors(fieldErrors(err));
      setError(errorText(err, t));
    } finally {
      setBusy(false);
    }
  };
  return { busy, errors, error, reset, run };
}
