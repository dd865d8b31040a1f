import type { FleetRow } from '@mlplatform/plugin-sagemaker-scaling-common';

/**
 * Fleet rows kept between page requests, one per entity, each with what it was built
 * from. The watch cache and the readers replace an object when it changes, so a row is
 * reused while every input is the same object (or equal string) as when it was built,
 * and rebuilt as soon as one of its endpoint's inputs changes: a page then costs one
 * lookup per row instead of a join.
 * @internal
 */
export class BuiltRowCache {
  readonly #rows = new Map<
    string,
    { inputs: readonly unknown[]; row: FleetRow; usedIn: number }
  >();
  #page = 0;

  /** Starts a page: rows not used in this page or the one before may be forgotten. */
  startPage() {
    this.#page++;
  }

  /** The row built from exactly these inputs (and marks it used), or undefined. */
  get(entityRef: string, inputs: readonly unknown[]): FleetRow | undefined {
    const entry = this.#rows.get(entityRef);
    if (!entry || !sameInputs(entry.inputs, inputs)) return undefined;
    entry.usedIn = this.#page;
    return entry.row;
  }

  /** Keeps `row`, built from `inputs` (kept as given: pass a copy of scratch space). */
  set(entityRef: string, inputs: readonly unknown[], row: FleetRow) {
    this.#rows.set(entityRef, { inputs, row, usedIn: this.#page });
  }

  /**
   * Forgets rows of entities no longer seen (deleted, or filtered out for two pages),
   * once the cache holds clearly more rows than a page uses.
   */
  endPage(rowsInPage: number) {
    if (this.#rows.size <= 2 * rowsInPage + 100) return;
    for (const [ref, entry] of this.#rows) {
      if (entry.usedIn < this.#page - 1) this.#rows.delete(ref);
    }
  }
}

function sameInputs(a: readonly unknown[], b: readonly unknown[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
