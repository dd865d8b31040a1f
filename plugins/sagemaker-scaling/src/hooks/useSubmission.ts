import { useCallback, useState } from 'react';

/** State and trigger of one user-started request, e.g. a dialog's confirm button. @internal */
export interface Submission {
  /** True while the request runs; dialogs disable their buttons meanwhile. */
  submitting: boolean;
  /** Why the last request failed, until the next one starts or it is cleared. */
  error: Error | undefined;
  /** Runs the request, recording whether it runs and how it failed (a rejection is not rethrown). */
  submit(request: () => Promise<void>): Promise<void>;
  clearError(): void;
}

/**
 * Tracks a request the user started: submitting while it runs, and its failure as an
 * Error (a non-Error rejection is wrapped) for the dialog to show.
 * @internal
 */
export function useSubmission(): Submission {
  const [submitting, setSubmitting] = useState(false);
  const [error, setError] = useState<Error>();
  const submit = useCallback(async (request: () => Promise<void>) => {
    setSubmitting(true);
    setError(undefined);
    try {
      await request();
    } catch (e) {
      setError(e instanceof Error ? e : new Error(String(e)));
    } finally {
      setSubmitting(false);
    }
  }, []);
  const clearError = useCallback(() => setError(undefined), []);
  return { submitting, error, submit, clearError };
}
