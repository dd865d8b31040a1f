/**
 * Test data and helpers shared by the tests of every package in this repository
 * (private, never published).
 *
 * @packageDocumentation
 */
export {
  TUTORIAL_SCALING_NAMES,
  TUTORIAL_VARIABLES,
  derivedNames,
  tutorialInputs,
  tutorialManifests,
  tutorialManifestsFor,
  tutorialSpec,
} from './tutorial';
export type { TutorialManifest, TutorialNames } from './tutorial';
export {
  minimalSpec,
  sampleValidScaledEndpointSpecs,
  validScaledEndpointSpec,
} from './specs';
export type { GeneratedScaledEndpointSpec } from './specs';
export { scaledEndpointObjects } from './scaledEndpointObjects';
export type { ScaledEndpointObjectsOptions } from './scaledEndpointObjects';
export { REQUIRE_SHARED_ENV, describeWithShared, sharedPath } from './shared';
export { UPSTREAM_CRD_DIR, createUpstreamCrdValidators } from './upstreamCrds';
export type { UpstreamAckKind } from './upstreamCrds';
export { FIELD_BOUNDARY_CASES, jsonSchemaAccepts } from './fieldBoundaries';
export type { FieldBoundaryCases } from './fieldBoundaries';
