/** Longer strings are rarely repeated (names, messages, ARNs); not worth a pool entry. */
const MAX_POOLED_LENGTH = 64;

/**
 * One instance of each short string the watch cache holds. Every object arrives parsed
 * from JSON with its own copy of strings most objects share (namespace, apiVersion,
 * kind, instance types, statuses, label keys and values); pooling them makes the
 * objects share one copy. Bounded: when full it starts over, so strings of deleted
 * objects are not held forever.
 * @internal
 */
export class StringPool {
  readonly #maxSize: number;
  #strings = new Map<string, string>();

  constructor(maxSize = 50_000) {
    this.#maxSize = maxSize;
  }

  /** `value` with its short strings, as values and inside arrays, replaced by pooled ones (in place). */
  internAll<T>(value: T): T {
    if (Array.isArray(value)) {
      for (let i = 0; i < value.length; i++) {
        value[i] = this.#internValue(value[i]);
      }
    } else if (value && typeof value === 'object') {
      const record = value as Record<string, unknown>;
      for (const k of Object.keys(record)) {
        record[k] = this.#internValue(record[k]);
      }
    }
    return value;
  }

  #internValue(v: unknown): unknown {
    if (typeof v === 'string') return this.#intern(v);
    if (v && typeof v === 'object') return this.internAll(v);
    return v;
  }

  #intern(s: string): string {
    if (s.length > MAX_POOLED_LENGTH) return s;
    const pooled = this.#strings.get(s);
    if (pooled !== undefined) return pooled;
    if (this.#strings.size >= this.#maxSize) this.#strings = new Map();
    this.#strings.set(s, s);
    return s;
  }
}
