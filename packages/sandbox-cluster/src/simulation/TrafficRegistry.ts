/**
 * Which traffic each endpoint gets: set through the admin API or the library, else the
 * Endpoint's `sandbox.mlplatform.dev/traffic` annotation, else steady.
 */
import type { ResourceDefinition } from '../kube/crds';
import type { ObjectStore } from '../kube/ObjectStore';
import {
  checkTrafficSettings,
  TRAFFIC_ANNOTATION,
  TrafficSettings,
} from './traffic';

const DEFAULT_TRAFFIC: TrafficSettings = { pattern: 'steady' };

interface EndpointRef {
  namespace: string;
  name: string;
  annotation?: string;
  created: number;
}

/** @internal */
export class TrafficRegistry {
  /** By `namespace/name` of the Endpoint resource. */
  readonly #overrides = new Map<
    string,
    { settings: TrafficSettings; since: number }
  >();
  /** AWS endpoint name to resource, rebuilt when the store changes. */
  #index = new Map<string, EndpointRef>();
  /** `namespace/name` to resource. */
  #byResource = new Map<string, EndpointRef>();
  #indexedAt = -1;

  constructor(
    private readonly store: ObjectStore,
    private readonly endpointDef: ResourceDefinition,
    private readonly now: () => number,
  ) {}

  set(namespace: string, name: string, settings: TrafficSettings): void {
    this.#overrides.set(`${namespace}/${name}`, {
      settings: checkTrafficSettings(settings),
      since: this.now(),
    });
  }

  clear(namespace: string, name: string): void {
    this.#overrides.delete(`${namespace}/${name}`);
  }

  /** Traffic set through the admin API or the library, for the state file. */
  snapshot(): Array<[string, { settings: TrafficSettings; since: number }]> {
    return [...this.#overrides];
  }

  /** Puts saved traffic settings back. */
  restore(
    saved: Array<[string, { settings: TrafficSettings; since: number }]>,
  ): void {
    for (const [key, value] of saved) {
      this.#overrides.set(key, {
        settings: checkTrafficSettings(value.settings),
        since: value.since,
      });
    }
  }

  /** Traffic of the endpoint named `endpointName` in SageMaker. */
  forAwsEndpoint(endpointName: string): {
    settings: TrafficSettings;
    since: number;
  } {
    this.#reindex();
    const ref = this.#index.get(endpointName);
    if (!ref) return { settings: DEFAULT_TRAFFIC, since: 0 };
    return this.forResource(ref.namespace, ref.name);
  }

  /** Traffic of an Endpoint resource. */
  forResource(
    namespace: string,
    name: string,
  ): { settings: TrafficSettings; since: number } {
    const override = this.#overrides.get(`${namespace}/${name}`);
    if (override) return override;
    this.#reindex();
    const ref = this.#byResource.get(`${namespace}/${name}`);
    if (ref?.annotation) {
      try {
        const text = ref.annotation.trim();
        const settings = text.startsWith('{')
          ? checkTrafficSettings(JSON.parse(text))
          : checkTrafficSettings({ pattern: text });
        return { settings, since: ref.created };
      } catch {
        // An unreadable annotation falls back to steady traffic.
      }
    }
    return { settings: DEFAULT_TRAFFIC, since: ref?.created ?? 0 };
  }

  #reindex() {
    if (this.#indexedAt === this.store.resourceVersion) return;
    const index = new Map<string, EndpointRef>();
    const byResource = new Map<string, EndpointRef>();
    for (const o of this.store.list(this.endpointDef.key)) {
      const ref = {
        namespace: o.metadata.namespace ?? 'default',
        name: o.metadata.name,
        annotation: o.metadata.annotations?.[TRAFFIC_ANNOTATION],
        created: Date.parse(o.metadata.creationTimestamp ?? '') || 0,
      };
      byResource.set(`${ref.namespace}/${ref.name}`, ref);
      const endpointName = (o.spec as { endpointName?: string } | undefined)
        ?.endpointName;
      if (endpointName) index.set(endpointName, ref);
    }
    this.#index = index;
    this.#byResource = byResource;
    this.#indexedAt = this.store.resourceVersion;
  }
}
