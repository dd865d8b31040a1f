import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import YAML from 'yaml';
import { resolveInstancePrice } from '@mlplatform/plugin-sagemaker-scaling-common';
import { jsonSchemaAccepts } from '@mlplatform/sagemaker-scaling-test-fixtures';
import {
  endpoint,
  endpointConfig,
  model,
  NS,
  scalableTarget,
  scalingPolicy,
} from '../__testUtils__/fixtures';
import { buildScalingSnapshot } from './buildScalingSnapshot';
import { FINDING_RULES } from './findingRules';
import type { ScalingSnapshotInput } from './types';

const { components } = YAML.parse(
  readFileSync(resolve(__dirname, '../schema/openapi.yaml'), 'utf8'),
);
const documented = (name: string) => ({
  $ref: `#/components/schemas/${name}`,
  components,
});

const base: ScalingSnapshotInput = {
  entityRef: 'component:default/churn-prediction',
  cluster: 'sandbox',
  namespace: NS,
  endpointName: 'churn-prediction',
  endpoint: endpoint({
    counts: [{ variantName: 'AllTraffic', current: 4, desired: 4 }],
  }),
  endpointConfig: endpointConfig(),
  models: [model()],
  scalableTargets: [scalableTarget()],
  scalingPolicies: [scalingPolicy({ tt: { disableScaleIn: true } })],
  freshness: {
    observedAt: '2026-11-28T12:00:00.000Z',
    stale: true,
    staleReason: "cluster 'sandbox' cannot be read",
  },
  autoscaling: { available: true, activities: [] },
  load: { AllTraffic: [{ timestamp: '2026-11-28T11:59:00.000Z', value: 7 }] },
  prices: { 'ml.m5.large': resolveInstancePrice('ml.m5.large') },
};

/** As a client receives it. */
const overTheWire = (input: ScalingSnapshotInput) =>
  JSON.parse(JSON.stringify(buildScalingSnapshot(input)));

describe('the OpenAPI document', () => {
  it.each([
    ['a stale endpoint at max with findings', base],
    [
      'an endpoint whose price is unknown',
      {
        ...base,
        prices: {
          'ml.m5.large': {
            ...resolveInstancePrice('ml.m5.large', { region: 'eu-west-1' }),
            fallbackReason: 'the Price List API failed: timeout',
          },
        },
      },
    ],
    [
      'a missing endpoint',
      { ...base, endpoint: undefined, endpointConfig: undefined, models: [] },
    ],
  ])('describes the snapshot of %s', (_, input) => {
    expect(
      jsonSchemaAccepts(documented('ScalingSnapshot'), overTheWire(input)),
    ).toBe(true);
  });

  it('names every field of a variant, and requires the ones always there', () => {
    const variant = overTheWire(base).variants[0];
    const schema = components.schemas.VariantState;
    expect(Object.keys(schema.properties)).toEqual(
      expect.arrayContaining(Object.keys(variant)),
    );
    expect(Object.keys(variant)).toEqual(
      expect.arrayContaining(schema.required),
    );
  });

  it('lists the finding codes of the rule table, each once, in its order', () => {
    expect(components.schemas.ScalingFinding.properties.code.enum).toEqual(
      FINDING_RULES.map(rule => rule.code),
    );
  });

  it('refuses a cost with a made-up number beside an unknown price', () => {
    const snapshot = overTheWire(base);
    snapshot.variants[0].cost = {
      unknown: true,
      instanceType: 'ml.m5.large',
      howToConfigure: 'set it',
      monthlyRunRateUsd: 84,
    };
    expect(jsonSchemaAccepts(documented('ScalingSnapshot'), snapshot)).toBe(
      false,
    );
  });

  it('refuses a snapshot without its binding', () => {
    const { binding: _binding, ...rest } = overTheWire(base);
    expect(jsonSchemaAccepts(documented('ScalingSnapshot'), rest)).toBe(false);
  });
});
