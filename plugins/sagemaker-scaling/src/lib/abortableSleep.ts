/**
 * Resolves after `ms`, or at once when `signal` aborts (never rejects), so a loop can
 * wait and then check `signal.aborted`. The frontend's only timer-based wait.
 * @internal
 */
export function abortableSleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise(resolve => {
    if (signal.aborted) {
      resolve();
      return;
    }
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
    signal.addEventListener('abort', done);
  });
}
