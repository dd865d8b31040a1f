/**
 * Keeps the sandbox's state in its state file: one write about a second after the
 * first of a burst of changes, and a last one on stop. The file's format is `StateFile`.
 */
import { captureState, StatefulParts, writeStateFile } from './StateFile';

/** @internal */
export interface StatePersistenceOptions {
  /** The state file; without one nothing is written. */
  file?: string;
  parts: StatefulParts;
  now: () => number;
  /** Whether the state already holds the demo (restored from the file). */
  demoSeeded: boolean;
  log: (line: string) => void;
}

/** @internal */
export class StatePersistence {
  /** Whether the demo was seeded into this state (it is seeded once per state file). */
  demoSeeded: boolean;
  #saveTimer?: NodeJS.Timeout;
  #stopped = false;

  constructor(private readonly options: StatePersistenceOptions) {
    this.demoSeeded = options.demoSeeded;
  }

  /** Debounced: one write about a second after the first of a burst of changes. */
  requestSave(): void {
    if (!this.options.file || this.#stopped || this.#saveTimer) return;
    this.#saveTimer = setTimeout(() => {
      this.#saveTimer = undefined;
      this.#save();
    }, 1_000);
    this.#saveTimer.unref();
  }

  /** Writes whatever changed since the last write, and no more after. */
  stop(): void {
    this.#stopped = true;
    if (this.#saveTimer) clearTimeout(this.#saveTimer);
    this.#saveTimer = undefined;
    this.#save();
  }

  #save() {
    const { file, parts, now, log } = this.options;
    if (!file) return;
    try {
      writeStateFile(file, captureState(now(), this.demoSeeded, parts));
    } catch (e) {
      log(`could not write the state file ${file}: ${(e as Error).message}`);
    }
  }
}
