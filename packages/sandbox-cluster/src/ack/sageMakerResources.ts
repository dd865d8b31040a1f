/**
 * The simulated SageMaker controller's view of Model, EndpointConfig and Endpoint: create
 * on the "AWS side", refuse updates of the immutable kinds, drive endpoint updates, and
 * compute the status ACK would write.
 */
import { jsonEqual } from '../jsonEqual';
import {
  ControllerMemory,
  errorMessage,
  ReconcileContext,
  withoutTags,
} from './reconcileContext';

/** Model and EndpointConfig cannot be updated: a spec change is Terminal. */
function checkImmutable(
  kind: string,
  spec: any,
  mem: ControllerMemory,
): string | undefined {
  if (mem.syncedSpec === undefined) return undefined;
  if (jsonEqual(mem.syncedSpec, withoutTags(spec))) return undefined;
  return `not implemented: a ${kind} cannot be updated in SageMaker; create a new ${kind} under a new name and point the ${
    kind === 'Model' ? 'EndpointConfig' : 'Endpoint'
  } at it (or revert the spec change)`;
}

/**
 * Creates the resource in SageMaker and remembers the spec written. A refusal is
 * Recoverable (a missing dependency may appear): its status is returned, else undefined.
 */
function createInSageMaker(
  ctx: ReconcileContext,
  create: () => unknown,
): Record<string, unknown> | undefined {
  try {
    create();
  } catch (e) {
    return ctx.finish(ctx.base(undefined), {
      synced: 'Unknown',
      recoverable: errorMessage(e),
    });
  }
  ctx.mem.syncedSpec = withoutTags(ctx.spec);
  return undefined;
}

/** Status of a Model or EndpointConfig that exists in SageMaker: Terminal once its spec changed. */
function immutableStatus(
  ctx: ReconcileContext,
  arn: string,
  immutable: string | undefined,
): Record<string, unknown> {
  ctx.mem.syncedSpec ??= withoutTags(ctx.spec);
  return ctx.finish(
    ctx.base(arn),
    immutable ? { synced: 'False', terminal: immutable } : { synced: 'True' },
  );
}

/** Status of a Model. @internal */
export function modelStatus(ctx: ReconcileContext): Record<string, unknown> {
  const { spec, mem, now, sagemaker, finish } = ctx;
  const immutable = checkImmutable('Model', spec, mem);
  if (!sagemaker.models.has(spec.modelName)) {
    if (mem.syncedSpec !== undefined && immutable) {
      return finish(ctx.base(undefined), {
        synced: 'False',
        terminal: immutable,
      });
    }
    const images = [spec.primaryContainer, ...(spec.containers ?? [])]
      .filter(Boolean)
      .map((c: any) => String(c.image ?? ''));
    const refused = createInSageMaker(ctx, () =>
      sagemaker.createModel(spec.modelName, images, now),
    );
    if (refused) return refused;
  }
  return immutableStatus(ctx, sagemaker.modelArn(spec.modelName), immutable);
}

/** Status of an EndpointConfig. @internal */
export function endpointConfigStatus(
  ctx: ReconcileContext,
): Record<string, unknown> {
  const { spec, mem, now, sagemaker } = ctx;
  const immutable = checkImmutable('EndpointConfig', spec, mem);
  if (!sagemaker.endpointConfigs.has(spec.endpointConfigName)) {
    const refused = createInSageMaker(ctx, () =>
      sagemaker.createEndpointConfig(
        spec.endpointConfigName,
        spec.productionVariants ?? [],
        now,
      ),
    );
    if (refused) return refused;
  }
  return immutableStatus(
    ctx,
    sagemaker.endpointConfigArn(spec.endpointConfigName),
    immutable,
  );
}

/**
 * Status of an Endpoint: created when missing, updated (UpdateEndpoint with
 * RetainAllVariantProperties) when it names another config, Terminal when Failed.
 * @internal
 */
export function endpointStatus(ctx: ReconcileContext): Record<string, unknown> {
  const { spec, mem, now, sagemaker, aas, finish } = ctx;
  if (!sagemaker.endpoints.has(spec.endpointName)) {
    const refused = createInSageMaker(ctx, () =>
      sagemaker.createEndpoint(spec.endpointName, spec.endpointConfigName, now),
    );
    if (refused) return refused;
  }
  mem.syncedSpec ??= withoutTags(spec);
  const endpoint = sagemaker.endpoints.get(spec.endpointName)!;
  let updateError: string | undefined;
  const wanted = spec.endpointConfigName;
  if (wanted !== endpoint.configName && wanted !== endpoint.pendingConfigName) {
    if (endpoint.status === 'InService') {
      try {
        sagemaker.updateEndpoint(endpoint.name, wanted, now, variant =>
          Boolean(
            aas.getTarget({
              ServiceNamespace: 'sagemaker',
              ResourceId: `endpoint/${endpoint.name}/variant/${variant}`,
              ScalableDimension: 'sagemaker:variant:DesiredInstanceCount',
            }),
          ),
        );
      } catch (e) {
        updateError = errorMessage(e);
      }
    } else if (endpoint.status === 'Failed') {
      updateError = `Endpoint is in Failed status and cannot be updated; delete and recreate it.`;
    }
  }
  const fields = {
    ...ctx.base(endpoint.arn),
    ...sagemaker.endpointStatus(endpoint),
  };
  if (endpoint.status === 'Failed') {
    return finish(fields, {
      synced: 'True',
      terminal:
        'Endpoint status reached terminal state: Failed. Check the FailureReason.',
    });
  }
  if (['Creating', 'Updating', 'Deleting'].includes(endpoint.status)) {
    return finish(fields, {
      synced: 'False',
      syncedMessage: `Endpoint is in ${endpoint.status} status.`,
      recoverable: updateError,
    });
  }
  if (updateError) {
    return finish(fields, { synced: 'Unknown', recoverable: updateError });
  }
  return finish(fields, { synced: 'True' });
}
