import type {
  Endpoint,
  EndpointConfig,
} from '@mlplatform/plugin-sagemaker-scaling-common';

/**
 * The production variants of an endpoint: those of its EndpointConfig in their order,
 * then any only the Endpoint's status reports (e.g. while a new config rolls out).
 * @internal
 */
export function variantNamesOf(
  endpoint: Endpoint | undefined,
  endpointConfig: EndpointConfig | undefined,
): string[] {
  return [
    ...new Set([
      ...(endpointConfig?.spec.productionVariants ?? []).map(
        v => v.variantName,
      ),
      ...(endpoint?.status?.productionVariants ?? []).map(v => v.variantName),
    ]),
  ].filter(Boolean);
}
