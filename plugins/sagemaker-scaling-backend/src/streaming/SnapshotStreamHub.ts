import type { LoggerService } from '@backstage/backend-plugin-api';
import type { CatalogService } from '@backstage/plugin-catalog-node';
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
import { errorBody } from './errorBody';
import { sseFrame, type FrameKind } from './SseConnection';
import { StreamReauthorizer } from './StreamReauthorizer';
import { subscriptionKey } from './subscriptionKey';

/** A connected stream client: receives frames serialized once for all clients. @internal */
export interface SnapshotSubscriber {
  deliver(frame: string, kind: FrameKind): void;
}

interface Topic {
  target: ResolvedEndpoint;
  subscribers: Set<SnapshotSubscriber>;
  /** Subscribers that have had no state frame yet: they get the next build's result. */
  waiting: Set<SnapshotSubscriber>;
  /** The latest state frame (snapshot or error), serialized once. */
  frame?: string;
  /** The latest state without observedAt, to broadcast only real changes. */
  fingerprint?: string;
  builtAt: number;
  /** A cache change arrived after the latest build started. */
  changed: boolean;
  timer?: NodeJS.Timeout;
  running: boolean;
  again: boolean;
}

/**
 * Live snapshots for server-sent-event clients. One topic per {@link subscriptionKey},
 * shared by all its clients: a burst of cache changes in its namespace is coalesced
 * (debounced) into one build and one serialization, broadcast only when something
 * changed; a new client gets the latest frame when it is current, else joins the next
 * build; refreshed periodically for Application Auto Scaling activities; one heartbeat
 * timer for all clients. Open streams are re-authorized by {@link SnapshotStreamHub.reauthorizer}.
 * @internal
 */
export class SnapshotStreamHub {
  /** Re-checks the entity and the permission of every open stream. */
  readonly reauthorizer: StreamReauthorizer;
  readonly #snapshots: ScalingSnapshotService;
  readonly #logger: LoggerService;
  readonly #topics = new Map<string, Topic>();
  readonly #heartbeatMs: number;
  readonly #refreshMs: number;
  readonly #debounceMs: number;
  readonly #reuseMs: number;
  readonly #unsubscribeClusters: (() => void)[] = [];
  #heartbeat?: NodeJS.Timeout;
  #refresh?: NodeJS.Timeout;
  #builds = 0;

  constructor(options: {
    snapshots: ScalingSnapshotService;
    clusters: ClusterRegistry;
    logger: LoggerService;
    /** Catalog to notice changes of a streamed entity; without it only the periodic re-check runs. */
    catalog?: CatalogService;
    heartbeatMs?: number;
    /** Rebuild interval for what the cache does not report (activities, load); default 10 s. */
    refreshMs?: number;
    /** How long a burst of cache changes is collected before one build; default 50 ms. */
    debounceMs?: number;
    /** How old the latest frame may be to be the first event of a new client; default 2 s. */
    reuseMs?: number;
    /** Re-authorization interval of each open stream; default 60 s. */
    reauthorizeMs?: number;
    /** Catalog poll interval per subscription, to notice entity changes; default 10 s. */
    catalogPollMs?: number;
  }) {
    this.#snapshots = options.snapshots;
    this.#logger = options.logger;
    this.#heartbeatMs = options.heartbeatMs ?? 15_000;
    this.#refreshMs = options.refreshMs ?? 10_000;
    this.#debounceMs = options.debounceMs ?? 50;
    this.#reuseMs = options.reuseMs ?? 2000;
    this.reauthorizer = new StreamReauthorizer({
      catalog: options.catalog,
      logger: options.logger,
      reauthorizeMs: options.reauthorizeMs,
      catalogPollMs: options.catalogPollMs,
    });
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
    this.#topics.forEach(t => (n += t.subscribers.size));
    return n;
  }

  /** Number of snapshot builds so far, all topics (for tests and metrics). */
  get buildCount(): number {
    return this.#builds;
  }

  /** Adds a client; its first frame is the current state. Returns the unsubscribe function. */
  subscribe(
    target: ResolvedEndpoint,
    subscriber: SnapshotSubscriber,
  ): () => void {
    const key = subscriptionKey(target);
    let topic = this.#topics.get(key);
    if (!topic) {
      topic = {
        target,
        subscribers: new Set(),
        waiting: new Set(),
        builtAt: 0,
        changed: false,
        running: false,
        again: false,
      };
      this.#topics.set(key, topic);
    }
    topic.subscribers.add(subscriber);
    this.#ensureTimers();
    const current =
      topic.frame !== undefined &&
      !topic.changed &&
      !topic.running &&
      Date.now() - topic.builtAt < this.#reuseMs;
    if (current) {
      subscriber.deliver(topic.frame!, 'state');
    } else {
      topic.waiting.add(subscriber);
      // A first client does not wait for the debounce; later ones join this build.
      if (!topic.running) {
        clearTimeout(topic.timer);
        topic.timer = undefined;
        void this.#build(topic);
      }
    }
    return () => {
      const t = this.#topics.get(key);
      if (!t) return;
      t.subscribers.delete(subscriber);
      t.waiting.delete(subscriber);
      if (t.subscribers.size === 0) {
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
    this.reauthorizer.stop();
  }

  #touch(matches: (topic: Topic) => boolean) {
    for (const topic of this.#topics.values()) {
      if (!matches(topic)) continue;
      topic.changed = true;
      if (topic.timer) continue;
      // A fixed window from the first change: a long burst still builds every debounceMs.
      topic.timer = setTimeout(() => {
        topic.timer = undefined;
        void this.#build(topic);
      }, this.#debounceMs);
    }
  }

  async #build(topic: Topic): Promise<void> {
    if (topic.running) {
      topic.again = true;
      return;
    }
    topic.running = true;
    topic.changed = false;
    this.#builds++;
    let event: string;
    let fingerprint: string;
    let json: string;
    try {
      const snapshot = await this.#snapshots.snapshot(topic.target);
      event = SCALING_EVENT_SNAPSHOT;
      ({ fingerprint, json } = serializeSnapshot(snapshot));
    } catch (e) {
      event = SCALING_EVENT_ERROR;
      json = JSON.stringify(errorBody(e));
      fingerprint = `error:${json}`;
    }
    topic.builtAt = Date.now();
    const frame = sseFrame(event, json);
    topic.frame = frame;
    const recipients =
      fingerprint === topic.fingerprint ? topic.waiting : topic.subscribers;
    topic.fingerprint = fingerprint;
    for (const subscriber of [...recipients])
      this.#deliver(topic, subscriber, frame, 'state');
    topic.waiting.clear();
    topic.running = false;
    if (topic.again) {
      topic.again = false;
      await this.#build(topic);
    }
  }

  #deliver(
    topic: Topic,
    subscriber: SnapshotSubscriber,
    frame: string,
    kind: FrameKind,
  ) {
    try {
      subscriber.deliver(frame, kind);
    } catch (e) {
      this.#logger.debug(`Dropping a stream client that failed to write: ${e}`);
      topic.subscribers.delete(subscriber);
      topic.waiting.delete(subscriber);
    }
  }

  #ensureTimers() {
    if (!this.#heartbeat) {
      this.#heartbeat = setInterval(() => {
        const frame = sseFrame(
          SCALING_EVENT_HEARTBEAT,
          JSON.stringify({ at: new Date().toISOString() }),
        );
        // Not to clients still waiting for their first state: that comes first.
        this.#topics.forEach(t =>
          t.subscribers.forEach(s => {
            if (!t.waiting.has(s)) this.#deliver(t, s, frame, 'heartbeat');
          }),
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

/**
 * The snapshot's JSON and its fingerprint (the JSON without observedAt, which moves
 * without a real change), from one serialization: the JSON is the fingerprint with
 * observedAt put back in front.
 */
function serializeSnapshot(snapshot: ScalingSnapshot): {
  fingerprint: string;
  json: string;
} {
  const { observedAt, ...rest } = snapshot;
  const fingerprint = JSON.stringify(rest);
  const head = `{"observedAt":${JSON.stringify(observedAt)}`;
  const json =
    fingerprint === '{}' ? `${head}}` : `${head},${fingerprint.slice(1)}`;
  return { fingerprint, json };
}
