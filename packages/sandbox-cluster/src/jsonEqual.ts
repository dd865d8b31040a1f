/**
 * Deep equality of JSON data. Unlike util.isDeepStrictEqual it ignores prototypes, so
 * objects from structuredClone, JSON.parse and literals compare by content even when
 * they come from different realms (as in Jest).
 */

/** @internal */
export function jsonEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (
    typeof a !== typeof b ||
    a === null ||
    b === null ||
    typeof a !== 'object'
  ) {
    return false;
  }
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) {
    const other = b as unknown[];
    return (
      a.length === other.length && a.every((v, i) => jsonEqual(v, other[i]))
    );
  }
  const ao = a as Record<string, unknown>;
  const bo = b as Record<string, unknown>;
  const aKeys = Object.keys(ao).filter(k => ao[k] !== undefined);
  const bKeys = Object.keys(bo).filter(k => bo[k] !== undefined);
  return (
    aKeys.length === bKeys.length && aKeys.every(k => jsonEqual(ao[k], bo[k]))
  );
}
