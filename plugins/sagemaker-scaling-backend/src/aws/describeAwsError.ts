/**
 * An AWS SDK error as one short line: name, HTTP status and message only, because the
 * request details could carry signed headers. At most 300 characters.
 * @internal
 */
export function describeAwsError(e: unknown): string {
  if (e instanceof Error) {
    const status = (e as { $metadata?: { httpStatusCode?: number } }).$metadata
      ?.httpStatusCode;
    return `${e.name}${status ? ` (HTTP ${status})` : ''}: ${e.message}`.slice(
      0,
      300,
    );
  }
  return String(e).slice(0, 300);
}
