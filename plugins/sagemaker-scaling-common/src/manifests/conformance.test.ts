/**
 * Property tests: every spec the validation accepts renders objects that survive a YAML
 * round trip unchanged and validate against the upstream ACK CRD schemas.
 */
import fc from 'fast-check';
import { isDeepStrictEqual } from 'node:util';
import {
  UPSTREAM_CRD_DIR,
  createUpstreamCrdValidators,
  describeWithShared,
  minimalSpec,
  validScaledEndpointSpec as validSpec,
} from '@mlplatform/sagemaker-scaling-test-fixtures';
import { parseAllDocuments } from 'yaml';
import {
  buildScaledEndpointManifests,
  scaledEndpointManifestList,
} from './buildScaledEndpointManifests';
import { manifestsToYaml } from './manifestsToYaml';
import type { AckKind } from '../resources';
import type { ScaledEndpointSpec } from './types';
import { validateScaledEndpointSpec } from './validateScaledEndpointSpec';

let validators: ReturnType<typeof createUpstreamCrdValidators>;

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

describeWithShared(
  'rendered manifests (property tests)',
  [UPSTREAM_CRD_DIR],
  () => {
    beforeAll(() => {
      validators = createUpstreamCrdValidators();
    });

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
      const { resourceID: _dropped, ...withoutResourceID } =
        m.scalingPolicy.spec;
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
  },
);
