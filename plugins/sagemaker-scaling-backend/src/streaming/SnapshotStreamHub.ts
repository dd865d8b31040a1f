import type { LoggerService } from '@backstage/backend-plugin-api';
import {
  SCALING_EVENT_ERROR,
  SCALING_EVENT_HEARTBEAT,
  SCALING_EVENT_SNAPSHOT,
  type ScalingSnapshot,
} from '@mlplatform/plugin-sagemaker-scaling-common';
import type { ResourceChange } from '../cache/ClusterResourceCache';
import type { ClusterRegistry } from '../clusters/ClusterRegistry';
import type {
  ResolvedEndpoint,
  ScalingSnapshotService,
} from '../snapshot/ScalingSnapshotService';

/** One connected stream client. */
export interface StreamClient {
  send(event: string, data: unknown): void;
}

interface Topic {
  target: ResolvedEndpoint;
  clients: Set<StreamClient>;
  /** Last sent snapshot without observedAt, to send only real changes. */
  lastFingerprint?: string;
  lastError?: string;
  timer?: NodeJS.Timeout;
  running?: Promise<void>;
  again?: boolean;
}

/**
 * Live snapshots for server-sent-event clients: one topic per entity endpoint, shared
 * by all its clients; recomputed from memory when the cache reports a change in that
 * namespace (debounced), refreshed periodically for Application Auto Scaling activities,
 * sent only when something changed; one heartbeat timer for all clients.
 * @internal
 */
export class SnapshotStreamHub {
  readonly #snapshots: ScalingSnapshotService;
  readonly #logger: LoggerService;
  readonly #topics = new Map<string, Topic>();
  readonly #heartbeatMs: number;
  readonly #refreshMs: number;
  readonly #debounceMs: number;
  readonly #unsubscribeClusters: (() => void)[] = [];
  #heartbeat?: NodeJS.Timeout;
  #refresh?: NodeJS.Timeout;

  constructor(options: {
    snapshots: ScalingSnapshotService;
    clusters: ClusterRegistry;
    logger: LoggerService;
    heartbeatMs?: number;
    refreshMs?: number;
    debounceMs?: number;
  }) {
    this.#snapshots = options.snapshots;
    this.#logger = options.logger;
    this.#heartbeatMs = options.heartbeatMs ?? 15_000;
    this.#refreshMs = options.refreshMs ?? 10_000;
    this.#debounceMs = options.debounceMs ?? 25;
    for (const cluster of options.clusters.list()) {
      const name = cluster.config.name;
      const onChange = (change: ResourceChange) =>
        this.#touch(
          t =>
            t.target.cluster.config.name === name &&
            t.target.namespace === change.namespace,
        );
      const onState = () =>
        this.#touch(t => t.target.cluster.config.name === name);
      cluster.cache.on('change', onChange);
      cluster.cache.on('state', onState);
      this.#unsubscribeClusters.push(() => {
        cluster.cache.off('change', onChange);
        cluster.cache.off('state', onState);
      });
    }
  }

  /** Number of connected clients (for tests and metrics). */
  get clientCount(): number {
    let n = 0;
    this.#topics.forEach(t => (n += t.clients.size));
    return n;
  }

  /** Adds a client; it gets the current snapshot at once. Returns the unsubscribe function. */
  subscribe(target: ResolvedEndpoint, client: StreamClient): () => void {
    const key = `${target.cluster.config.name}|${target.namespace}|${target.endpointName}|${target.entityRef}`;
    let topic = this.#topics.get(key);
    if (!topic) {
      topic = { target, clients: new Set() };
      this.#topics.set(key, topic);
    }
    topic.clients.add(client);
    this.#ensureTimers();
    void this.#sendCurrent(topic, client);
    return () => {
      const t = this.#topics.get(key);
      if (!t) return;
      t.clients.delete(client);
      if (t.clients.size === 0) {
        clearTimeout(t.timer);
        this.#topics.delete(key);
      }
      if (this.#topics.size === 0) this.#clearTimers();
    };
  }

  stop() {
    this.#clearTimers();
    this.#topics.forEach(t => clearTimeout(t.timer));
    this.#topics.clear();
    this.#unsubscribeClusters.forEach(f => f());
  }

  async #sendCurrent(topic: Topic, client: StreamClient) {
    try {
      const snapshot = await this.#snapshots.snapshot(topic.target);
      if (topic.clients.size === 1 && topic.clients.has(client)) {
        topic.lastFingerprint = fingerprintOf(snapshot);
      }
      if (topic.clients.has(client))
        client.send(SCALING_EVENT_SNAPSHOT, snapshot);
    } catch (e) {
      if (topic.clients.has(client))
        client.send(SCALING_EVENT_ERROR, errorBody(e));
    }
  }

  #touch(matches: (topic: Topic) => boolean) {
    for (const topic of this.#topics.values()) {
      if (!matches(topic) || topic.timer) continue;
      topic.timer = setTimeout(() => {
        topic.timer = undefined;
        void this.#recompute(topic);
      }, this.#debounceMs);
    }
  }

  async #recompute(topic: Topic): Promise<void> {
    if (topic.running) {
      topic.again = true;
      return;
    }
    topic.running = (async () => {
      try {
        const snapshot = await this.#snapshots.snapshot(topic.target);
        const fingerprint = fingerprintOf(snapshot);
        topic.lastError = undefined;
        if (fingerprint !== topic.lastFingerprint) {
          topic.lastFingerprint = fingerprint;
          this.#broadcast(topic, SCALING_EVENT_SNAPSHOT, snapshot);
        }
      } catch (e) {
        const body = errorBody(e);
        topic.lastFingerprint = undefined;
        if (body.message !== topic.lastError) {
          topic.lastError = body.message;
          this.#broadcast(topic, SCALING_EVENT_ERROR, body);
        }
      }
    })();
    await topic.running;
    topic.running = undefined;
    if (topic.again) {
      topic.again = false;
      await this.#recompute(topic);
    }
  }

  #broadcast(topic: Topic, event: string, data: unknown) {
    for (const client of topic.clients) {
      try {
        client.send(event, data);
      } catch (e) {
        this.#logger.debug(
          `Dropping a stream client that failed to write: ${e}`,
        );
        topic.clients.delete(client);
      }
    }
  }

  #ensureTimers() {
    if (!this.#heartbeat) {
      this.#heartbeat = setInterval(() => {
        const at = new Date().toISOString();
        this.#topics.forEach(t =>
          this.#broadcast(t, SCALING_EVENT_HEARTBEAT, { at }),
        );
      }, this.#heartbeatMs);
    }
    if (!this.#refresh) {
      this.#refresh = setInterval(
        () => this.#touch(() => true),
        this.#refreshMs,
      );
    }
  }

  #clearTimers() {
    clearInterval(this.#heartbeat);
    clearInterval(this.#refresh);
    this.#heartbeat = undefined;
    this.#refresh = undefined;
  }
}

/** The snapshot minus what changes without a real change (observedAt). */
function fingerprintOf(snapshot: ScalingSnapshot): string {
  const { observedAt: _observedAt, ...rest } = snapshot;
  return JSON.stringify(rest);
}

function errorBody(e: unknown): { name: string; message: string } {
  if (e instanceof Error) return { name: e.name, message: e.message };
  return { name: 'Error', message: String(e) };
}
