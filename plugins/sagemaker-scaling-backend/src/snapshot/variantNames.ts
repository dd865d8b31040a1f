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
  // Loops rather than spreads of sets: a fleet page calls this once per endpoint.
  const names: string[] = [];
  const add = (name: string | undefined) => {
    if (name && !names.includes(name)) names.push(name);
  };
  for (const v of endpointConfig?.spec.productionVariants ?? []) {
    add(v.variantName);
  }
  for (const v of endpoint?.status?.productionVariants ?? []) {
    add(v.variantName);
  }
  return names;
}
