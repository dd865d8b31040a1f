/**
 * The five objects of a scaled endpoint named after a service, for putting extra
 * services into a sandbox: the tutorial's manifests with derived names, in a namespace,
 * with the variations integration tests need.
 */
import { tutorialManifestsFor, type TutorialManifest } from './tutorial';

/** Options of {@link scaledEndpointObjects}. @public */
export interface ScaledEndpointObjectsOptions {
  /** Default `ml-serving`. */
  namespace?: string;
  /** Another container image (e.g. one with `does-not-exist` to make the endpoint fail). */
  image?: string;
  /** Point the ScalableTarget and ScalingPolicy at this variant (default the real one). */
  targetVariant?: string;
  /** Include the ScalableTarget and ScalingPolicy (default true). */
  withScaling?: boolean;
}

/**
 * The tutorial's objects for service `name` (Model `<name>-model`, EndpointConfig
 * `<name>-config`, Endpoint `<name>`, and unless `withScaling: false` the ScalableTarget and
 * ScalingPolicy), in apply order.
 * @public
 */
export function scaledEndpointObjects(
  name: string,
  options: ScaledEndpointObjectsOptions = {},
): TutorialManifest[] {
  const namespace = options.namespace ?? 'ml-serving';
  const objects = tutorialManifestsFor(name).map(m => ({
    ...m,
    metadata: { ...m.metadata, namespace },
  }));
  const [model, , , target, policy] = objects;
  if (options.image) model.spec.primaryContainer.image = options.image;
  if (options.targetVariant) {
    const resourceID = `endpoint/${name}/variant/${options.targetVariant}`;
    target.spec.resourceID = resourceID;
    policy.spec.resourceID = resourceID;
  }
  return options.withScaling === false ? objects.slice(0, 3) : objects;
}
