/**
 * Property tests: every spec the validation accepts renders objects that survive a YAML
 * round trip unchanged and validate against the upstream ACK CRD schemas.
 */
import fc from 'fast-check';
import { isDeepStrictEqual } from 'node:util';
import { parseAllDocuments } from 'yaml';
import { createCrdValidators } from './__testUtils__/crdSchemas';
import { minimalSpec } from './__testUtils__/tutorial';
import {
  buildScaledEndpointManifests,
  scaledEndpointManifestList,
} from './buildScaledEndpointManifests';
import { manifestsToYaml } from './manifestsToYaml';
import type { AckKind } from '../resources';
import type { ScaledEndpointSpec } from './types';
import { validateScaledEndpointSpec } from './validateScaledEndpointSpec';

const validators = createCrdValidators();

const upTo = (max: number) => (s: string) => s.length <= max;
const sageMakerName = fc
  .stringMatching(/^[a-zA-Z0-9](-*[a-zA-Z0-9])*$/)
  .filter(upTo(63));
const lowercaseName = fc
  .stringMatching(/^[a-z0-9](-*[a-z0-9])*$/)
  .filter(upTo(63));
const dnsLabel = fc
  .stringMatching(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/)
  .filter(upTo(63));
const dnsSubdomain = fc
  .stringMatching(
    /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/,
  )
  .filter(upTo(253));
const printable = fc.string({
  unit: fc.integer({ min: 0x20, max: 0x7e }).map(c => String.fromCharCode(c)),
  minLength: 1,
  maxLength: 256,
});
const modelDataURL = fc
  .tuple(
    fc.constantFrom('s3://', 'https://'),
    fc.stringMatching(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/),
    fc.stringMatching(/^(\/[a-zA-Z0-9!$&()*+,;=:@%._~-]*)*$/),
  )
  .map(([scheme, host, key]) => `${scheme}${host}${key}`)
  .filter(upTo(1024));
const image = fc
  .tuple(
    fc.constantFrom(
      '683313688378.dkr.ecr.us-east-1.amazonaws.com',
      'localhost:5000',
      'registry.example.com',
    ),
    fc.stringMatching(/^[a-z0-9]+([._-][a-z0-9]+)*$/),
    fc.stringMatching(/^[a-zA-Z0-9_][a-zA-Z0-9_.-]{0,20}$/),
  )
  .map(([registry, repo, tag]) => `${registry}/${repo}:${tag}`)
  .filter(upTo(255));
const roleARN = fc
  .tuple(
    fc.constantFrom('aws', 'aws-cn', 'aws-us-gov'),
    fc.stringMatching(/^\d{12}$/),
    fc.stringMatching(/^[a-zA-Z_0-9+=,.@\-_/]{1,64}$/),
  )
  .map(
    ([partition, account, role]) =>
      `arn:${partition}:iam::${account}:role/${role}`,
  );
const instanceType = fc
  .tuple(
    fc.constantFrom('m5', 'c5', 'g5', 'p4d', 'inf2', 't3', 'r6i'),
    fc.constantFrom('large', 'xlarge', '2xlarge', '12xlarge', '24xlarge'),
  )
  .map(([family, size]) => `ml.${family}.${size}`);

const cooldown = fc.integer({ min: 0, max: 86400 });
const optional = <T>(arb: fc.Arbitrary<T>) =>
  fc.option(arb, { nil: undefined });

/** Any spec the rules allow. */
const validSpec: fc.Arbitrary<ScaledEndpointSpec> = fc
  .record({
    serviceName: sageMakerName,
    namespace: dnsLabel,
    modelDataURL,
    image,
    executionRoleARN: roleARN,
    instanceType,
    capacity: fc
      .tuple(fc.integer({ min: 1, max: 50 }), fc.integer({ min: 0, max: 50 }))
      .chain(([min, extra]) =>
        fc.record({
          minCapacity: fc.constant(min),
          maxCapacity: fc.constant(min + extra),
          initialInstanceCount: fc.integer({ min, max: min + extra }),
        }),
      ),
    targetValue: fc.double({
      min: Number.MIN_VALUE,
      max: Number.MAX_VALUE,
      noNaN: true,
    }),
    variantName: optional(sageMakerName),
    containerHostname: optional(sageMakerName),
    metricType: optional(
      fc.constantFrom(
        'SageMakerVariantInvocationsPerInstance',
        'SageMakerVariantConcurrentRequestsPerModelHighResolution',
      ),
    ),
    scaleInCooldown: optional(cooldown),
    scaleOutCooldown: optional(cooldown),
    disableScaleIn: optional(fc.boolean()),
    modelName: optional(lowercaseName),
    endpointConfigName: optional(lowercaseName),
    endpointName: optional(lowercaseName),
    scalableTargetName: optional(dnsSubdomain),
    scalingPolicyName: optional(dnsSubdomain),
    policyName: optional(printable),
  })
  .map(({ capacity, ...rest }) => ({ ...rest, ...capacity }));

/** Strings that would break hand-written YAML. */
const hostileString = fc.oneof(
  fc.constantFrom(
    'a\nb',
    'a: b',
    'key: value\nother: x',
    '"x"',
    "'x'",
    '---',
    'x\n---\nkind: Secret',
    '{a: 1}',
    '[1, 2]',
    '&anchor',
    '*alias',
    '!!binary x',
    '| block',
    '> folded',
    '% directive',
    '@at',
    '`tick`',
    'null',
    'true',
    '0x1F',
    '1e3',
    '',
    ' ',
  ),
  fc.string({ unit: 'binary', maxLength: 40 }),
);

const STRING_FIELDS = [
  'serviceName',
  'namespace',
  'modelDataURL',
  'image',
  'executionRoleARN',
  'instanceType',
  'variantName',
  'containerHostname',
  'modelName',
  'endpointConfigName',
  'endpointName',
  'scalableTargetName',
  'scalingPolicyName',
  'policyName',
] as const;

/** The CRD schema errors of an object of a kind; empty when it validates. */
function schemaErrors(kind: AckKind, object: unknown): unknown[] {
  const validate = validators[kind];
  return validate(object) ? [] : [...(validate.errors ?? [])];
}

/**
 * What goes wrong when rendering a spec: YAML parse errors, objects that change in a
 * round trip, CRD schema errors. Empty when everything holds.
 */
function renderProblems(spec: ScaledEndpointSpec): unknown[] {
  const manifests = buildScaledEndpointManifests(spec);
  const objects = scaledEndpointManifestList(manifests);
  const docs = parseAllDocuments(manifestsToYaml(manifests));
  const problems: unknown[] = docs.flatMap(d => d.errors.map(e => e.message));
  if (
    !isDeepStrictEqual(
      docs.map(d => d.toJS()),
      objects,
    )
  ) {
    problems.push('the objects changed in a YAML round trip');
  }
  for (const object of objects) {
    const errors = schemaErrors(object.kind, object);
    if (errors.length > 0) {
      problems.push({ kind: object.kind, errors });
    }
  }
  return problems;
}

/** Characters and sequences with a meaning in YAML. */
const YAML_SYNTAX = /[\s"'`#{}[\]&*!|>%@]|: |^---/;

describe('rendered manifests (property tests)', () => {
  it('the CRD validators refuse what the API server would prune or reject', () => {
    const m = buildScaledEndpointManifests(minimalSpec);
    expect(schemaErrors('Model', m.model)).toEqual([]);
    expect(
      schemaErrors('Model', {
        ...m.model,
        spec: { ...m.model.spec, modelDataUrl: 'x' },
      }),
    ).toEqual([expect.objectContaining({ keyword: 'additionalProperties' })]);
    expect(
      schemaErrors('ScalableTarget', {
        ...m.scalableTarget,
        spec: { ...m.scalableTarget.spec, minCapacity: 1.5 },
      }),
    ).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          keyword: 'type',
          message: 'must be integer',
        }),
      ]),
    );
    const { resourceID: _dropped, ...withoutResourceID } = m.scalingPolicy.spec;
    expect(
      schemaErrors('ScalingPolicy', {
        ...m.scalingPolicy,
        spec: withoutResourceID,
      }),
    ).toEqual([expect.objectContaining({ keyword: 'required' })]);
  });

  it('every accepted spec round-trips through YAML and fits the CRD schemas', () => {
    fc.assert(
      fc.property(validSpec, spec => {
        expect(validateScaledEndpointSpec(spec)).toEqual([]);
        expect(renderProblems(spec)).toEqual([]);
      }),
      { numRuns: 300 },
    );
  });

  it('a spec with a hostile string is refused, or else still renders safely', () => {
    fc.assert(
      fc.property(
        validSpec,
        fc.constantFrom(...STRING_FIELDS),
        hostileString,
        (spec, field, value) => {
          const tampered = { ...spec, [field]: value };
          const issues = validateScaledEndpointSpec(tampered);
          const accepted = issues.length === 0;
          // a refusal names the field that was tampered with
          expect(accepted || issues.some(i => i.field === field)).toBe(true);
          // outside the printable policy name, no accepted value carries YAML syntax;
          // words YAML would read as other types ('null', 'true', '1e3') stay strings
          expect(
            !accepted || field === 'policyName' || !YAML_SYNTAX.test(value),
          ).toBe(true);
          expect(accepted ? renderProblems(tampered) : []).toEqual([]);
        },
      ),
      { numRuns: 500 },
    );
  });

  it('keeps accepted names that YAML would read as other types as strings', () => {
    const m = buildScaledEndpointManifests({
      ...minimalSpec,
      serviceName: 'null',
      variantName: 'true',
      containerHostname: '1e3',
    });
    const [model, config] = parseAllDocuments(manifestsToYaml(m)).map(d =>
      d.toJS(),
    );
    expect(model.metadata.labels['app.kubernetes.io/part-of']).toBe('null');
    expect(model.spec.primaryContainer.containerHostname).toBe('1e3');
    expect(config.spec.productionVariants[0].variantName).toBe('true');
  });

  it('refuses a newline in every string field', () => {
    for (const field of STRING_FIELDS) {
      const issues = validateScaledEndpointSpec({
        ...minimalSpec,
        [field]: 'a\nb',
      });
      expect(issues.map(i => i.field)).toContain(field);
    }
  });
});
