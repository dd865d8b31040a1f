/**
 * The option and result types of ResourceApi's reads and writes.
 */
import type { SimClock } from '../SimClock';
import type { ResourceDefinition } from './crds';
import type { KubeObject, ObjectStore } from './ObjectStore';

/** How the client asked for unknown fields to be treated. @public */
export type FieldValidation = 'Ignore' | 'Warn' | 'Strict';

/** Options common to writes. @public */
export interface WriteOptions {
  fieldManager?: string;
  dryRun?: boolean;
  fieldValidation?: FieldValidation;
  /** Write only `status` (the status subresource). */
  subresource?: 'status';
}

/** Result of a write. @public */
export interface WriteResult {
  object: KubeObject;
  /** `Warning` headers to send (unknown fields with fieldValidation=Warn). */
  warnings: string[];
  created: boolean;
}

/** A list query. @public */
export interface ListOptions {
  labelSelector?: string;
  fieldSelector?: string;
  limit?: number;
  continueToken?: string;
}

/** A page of a list: the matching objects, and where to continue. @public */
export interface ListResult {
  items: KubeObject[];
  resourceVersion: string;
  continueToken?: string;
  remaining?: number;
}

/** A watch query: selectors, and the resourceVersion to replay from. @public */
export interface WatchOptions {
  resourceVersion?: string;
  labelSelector?: string;
  fieldSelector?: string;
}

/** A delete request's options. @public */
export interface DeleteOptions {
  dryRun?: boolean;
  preconditions?: { uid?: string; resourceVersion?: string };
}

/** Result of a delete: the object, and whether it is gone (else it waits for finalizers). @public */
export interface DeleteResult {
  object: KubeObject;
  gone: boolean;
}

/** Patch content types. @public */
export type PatchType = 'merge' | 'json' | 'apply';

/** @public */
export interface ResourceApiOptions {
  store: ObjectStore;
  clock: SimClock;
  resources: ResourceDefinition[];
  /** Create a namespace on first use instead of answering 404 (default true). */
  autoCreateNamespaces?: boolean;
}
