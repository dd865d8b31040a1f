import { InputError } from '@backstage/errors';
import type { ScalingActivity } from '@mlplatform/plugin-sagemaker-scaling-common';

/** Position after the last item of a page: stable when new activities arrive on top. */
interface CursorPosition {
  startTime: string;
  activityId: string;
}

/** Sort order of activities: most recent first, ties by id. */
function compare(a: CursorPosition, b: CursorPosition): number {
  return (
    b.startTime.localeCompare(a.startTime) ||
    b.activityId.localeCompare(a.activityId)
  );
}

/**
 * One page of activities after an opaque cursor, and the cursor of the next page.
 * @internal
 */
export function pageActivities(
  activities: ScalingActivity[],
  cursor: string | undefined,
  limit: number,
): { items: ScalingActivity[]; nextCursor?: string } {
  const sorted = [...activities].sort(compare);
  const after = cursor ? decodeCursor(cursor) : undefined;
  const start = after ? sorted.findIndex(a => compare(after, a) < 0) : 0;
  const items = start < 0 ? [] : sorted.slice(start, start + limit);
  const last = items[items.length - 1];
  const more = start >= 0 && start + limit < sorted.length;
  return {
    items,
    ...(more && last
      ? {
          nextCursor: encodeCursor({
            startTime: last.startTime,
            activityId: last.activityId,
          }),
        }
      : {}),
  };
}

function encodeCursor(position: CursorPosition): string {
  return Buffer.from(JSON.stringify(position), 'utf8').toString('base64url');
}

function decodeCursor(cursor: string): CursorPosition {
  try {
    const value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (
      typeof value.startTime === 'string' &&
      typeof value.activityId === 'string'
    ) {
      return value;
    }
  } catch {
    // fall through
  }
  throw new InputError('Invalid cursor: use the nextCursor of a previous page');
}
