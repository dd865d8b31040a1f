import type {
  BackstageCredentials,
  LoggerService,
} from '@backstage/backend-plugin-api';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import type { ResolvedEndpoint } from '../snapshot/ScalingSnapshotService';
import { errorBody, type StreamErrorBody } from './errorBody';
import { subscriptionKey } from './subscriptionKey';

/** An open stream as the re-authorization sees it. @internal */
export interface GuardedStream {
  /** The stream's subscription key (see subscriptionKey). */
  key: string;
  entityRef: string;
  credentials: BackstageCredentials;
  /** The check made when the stream was opened (caller, entity, permission), made again. */
  reauthorize(): Promise<ResolvedEndpoint>;
  /** Sends the reason as an `error` event and closes the stream. */
  close(reason: StreamErrorBody): void;
}

/** Errors that mean the caller may no longer read the entity's scaling: the stream closes. */
const REVOKING_ERRORS = new Set([
  'NotFoundError',
  'NotAllowedError',
  'AuthenticationError',
  'InputError',
]);

interface Member {
  stream: GuardedStream;
  key: string;
  dueAt: number;
  lastAuthorizedAt: number;
  checking: boolean;
}

interface Group {
  entityRef: string;
  members: Set<Member>;
  /** The entity as last seen in the catalog (etag), 'absent' when not found. */
  fingerprint?: string;
  dueAt: number;
  polling: boolean;
}

/**
 * Keeps open streams authorized: re-runs each stream's check every `reauthorizeMs`, and
 * at once for every stream of an entity when the entity changes in the catalog (polled
 * once per subscription, not per stream); closes a stream with an `error` event saying
 * why when the entity is gone, the permission is revoked or the credentials expire (the
 * client reconnects with fresh ones). One timer for all streams.
 * @internal
 */
export class StreamReauthorizer {
  readonly #catalog?: CatalogService;
  readonly #logger: LoggerService;
  readonly #reauthorizeMs: number;
  readonly #catalogPollMs: number;
  readonly #tickMs: number;
  readonly #groups = new Map<string, Group>();
  #timer?: NodeJS.Timeout;

  constructor(options: {
    catalog?: CatalogService;
    logger: LoggerService;
    reauthorizeMs?: number;
    catalogPollMs?: number;
  }) {
    this.#catalog = options.catalog;
    this.#logger = options.logger;
    this.#reauthorizeMs = options.reauthorizeMs ?? 60_000;
    this.#catalogPollMs = options.catalogPollMs ?? 10_000;
    this.#tickMs = Math.min(
      1000,
      Math.max(20, Math.min(this.#reauthorizeMs, this.#catalogPollMs) / 4),
    );
  }

  /** Number of streams watched (for tests and metrics). */
  get streamCount(): number {
    let n = 0;
    this.#groups.forEach(g => (n += g.members.size));
    return n;
  }

  /** Watches the stream until the returned function is called. */
  watch(stream: GuardedStream): () => void {
    let group = this.#groups.get(stream.key);
    if (!group) {
      group = {
        entityRef: stream.entityRef,
        members: new Set(),
        dueAt: Date.now(),
        polling: false,
      };
      this.#groups.set(stream.key, group);
    }
    const now = Date.now();
    const member: Member = {
      stream,
      key: stream.key,
      dueAt: now + this.#reauthorizeMs,
      lastAuthorizedAt: now,
      checking: false,
    };
    group.members.add(member);
    this.#timer ??= setInterval(() => this.#tick(), this.#tickMs);
    return () => this.#remove(member);
  }

  stop() {
    clearInterval(this.#timer);
    this.#timer = undefined;
  }

  #remove(member: Member) {
    const group = this.#groups.get(member.key);
    if (!group?.members.delete(member)) return;
    if (group.members.size === 0) this.#groups.delete(member.key);
    if (this.#groups.size === 0) this.stop();
  }

  /** Closes the stream once; it is no longer checked. */
  #close(member: Member, reason: StreamErrorBody) {
    this.#remove(member);
    member.stream.close(reason);
  }

  #tick() {
    const now = Date.now();
    for (const group of this.#groups.values()) {
      if (this.#catalog && !group.polling && now >= group.dueAt) {
        void this.#poll(group);
      }
      for (const member of group.members) {
        const expiresAt = member.stream.credentials.expiresAt;
        if (expiresAt && expiresAt.getTime() <= now) {
          this.#close(member, {
            name: 'AuthenticationError',
            message: `Stream closed: the credentials expired at ${expiresAt.toISOString()}; reconnect with fresh ones`,
          });
        } else if (!member.checking && now >= member.dueAt) {
          void this.#check(member);
        }
      }
    }
  }

  /** One catalog read per subscription; a change re-checks all its streams now. */
  async #poll(group: Group) {
    const [first] = group.members;
    if (!first) return;
    group.polling = true;
    try {
      const entity = await this.#catalog!.getEntityByRef(group.entityRef, {
        credentials: first.stream.credentials,
      });
      const fingerprint = entity
        ? entity.metadata.etag ?? JSON.stringify(entity)
        : 'absent';
      if (fingerprint === 'absent' || fingerprint !== group.fingerprint) {
        // The first poll only records the entity, unless it is already gone.
        if (group.fingerprint !== undefined || fingerprint === 'absent') {
          group.members.forEach(m => (m.dueAt = 0));
        }
        group.fingerprint = fingerprint;
      }
    } catch (e) {
      this.#logger.debug(
        `Catalog poll of ${group.entityRef} for open streams failed: ${e}`,
      );
    } finally {
      group.polling = false;
      group.dueAt = Date.now() + this.#catalogPollMs;
    }
  }

  async #check(member: Member) {
    const { stream } = member;
    member.checking = true;
    try {
      const target = await stream.reauthorize();
      if (subscriptionKey(target) !== stream.key) {
        this.#close(member, {
          name: 'ConflictError',
          message: `Stream closed: ${stream.entityRef} now names the endpoint ${target.endpointName} in ${target.cluster.config.name}/${target.namespace}; reconnect`,
        });
        return;
      }
      member.lastAuthorizedAt = Date.now();
      member.dueAt = member.lastAuthorizedAt + this.#reauthorizeMs;
    } catch (e) {
      const body = errorBody(e);
      if (REVOKING_ERRORS.has(body.name)) {
        this.#close(member, {
          name: body.name,
          message: `Stream closed: ${body.message}`,
        });
        return;
      }
      // The check itself failed (catalog or permission backend down): retry soon, and
      // give up on the stream when it has gone unverified for two intervals.
      if (Date.now() - member.lastAuthorizedAt > 2 * this.#reauthorizeMs) {
        this.#close(member, {
          name: 'ServiceUnavailableError',
          message: `Stream closed: could not re-authorize it: ${body.message}`,
        });
        return;
      }
      this.#logger.warn(
        `Could not re-authorize a stream of ${stream.entityRef}: ${body.message}`,
      );
      member.dueAt = Date.now() + Math.min(this.#reauthorizeMs, 5000);
    } finally {
      member.checking = false;
    }
  }
}
