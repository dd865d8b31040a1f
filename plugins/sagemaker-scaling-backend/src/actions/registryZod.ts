import type { ActionsRegistryService } from '@backstage/backend-plugin-api/alpha';

/**
 * The `z` the actions registry hands to an action's schema builders: the registry's own
 * zod (its `zod/v3` API), not this package's. Schemas built with this package's zod are
 * another type to the registry; type-checking them against its `AnyZodObject` took
 * minutes and failed, so every action schema is built from this `z`.
 * @internal
 */
export type RegistryZod = Parameters<
  Parameters<ActionsRegistryService['register']>[0]['schema']['input']
>[0];
