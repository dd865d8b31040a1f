import {
  minimalSpec,
  tutorialSpec,
} from '@mlplatform/sagemaker-scaling-test-fixtures';
import { validateScaledEndpointSpec } from './validateScaledEndpointSpec';

function issuesFor(field: string, value: unknown) {
  return validateScaledEndpointSpec({ ...minimalSpec, [field]: value });
}

/** Refusal of one field's value, in a form a single assertion can check. */
function refusal(field: string, value: unknown) {
  const issues = issuesFor(field, value);
  return {
    fields: [...new Set(issues.map(i => i.field))],
    // every message names the field
    allNameTheField: issues.every(i => i.message.includes(field)),
    messages: issues.map(i => i.message).join('\n'),
  };
}

function refused(field: string, rule: RegExp) {
  return {
    fields: [field],
    allNameTheField: true,
    messages: expect.stringMatching(rule),
  };
}

const NEWLINE_AND_YAML_BREAKERS = [
  'a\nb',
  'a: b',
  'a:b',
  '"quoted"',
  "it's",
  '---',
  'a---b\n---\nkind: Secret',
  ' leading-space',
  'trailing-space ',
  '#comment',
];

describe('validateScaledEndpointSpec', () => {
  it('accepts the tutorial values and a minimal spec', () => {
    expect(validateScaledEndpointSpec(tutorialSpec)).toEqual([]);
    expect(validateScaledEndpointSpec(minimalSpec)).toEqual([]);
  });

  it('refuses what is not an object', () => {
    for (const input of [undefined, null, 'spec', 3, []]) {
      expect(validateScaledEndpointSpec(input)).toEqual([
        { field: '', message: expect.stringMatching(/must be an object/) },
      ]);
    }
  });

  it('lists every missing required field', () => {
    const fields = validateScaledEndpointSpec({}).map(i => i.field);
    expect(fields.sort()).toEqual(
      [
        'serviceName',
        'namespace',
        'modelDataURL',
        'image',
        'executionRoleARN',
        'instanceType',
        'initialInstanceCount',
        'minCapacity',
        'maxCapacity',
        'targetValue',
      ].sort(),
    );
  });

  it('refuses unknown fields, such as a misspelt optional one', () => {
    expect(
      validateScaledEndpointSpec({ ...minimalSpec, scaleIncooldown: 60 }),
    ).toEqual([
      {
        field: 'scaleIncooldown',
        message: expect.stringMatching(/^scaleIncooldown is not a known field/),
      },
    ]);
  });

  describe.each(['serviceName', 'variantName', 'containerHostname'])(
    '%s (SageMaker name rule)',
    field => {
      it.each(['a', 'AllTraffic', 'churn-prediction', 'a--b', 'x'.repeat(63)])(
        'accepts %s',
        value => expect(issuesFor(field, value)).toEqual([]),
      );
      it.each([
        ['', /must not be empty/],
        ['x'.repeat(64), /at most 63 characters, got 64 \(SageMaker name rule/],
        ['-lead', /letters, digits and inner hyphens/],
        ['trail-', /letters, digits and inner hyphens/],
        ['under_score', /SageMaker name rule/],
        ['dot.ted', /SageMaker name rule/],
        ...NEWLINE_AND_YAML_BREAKERS.map(v => [v, /SageMaker name rule/]),
      ] as [string, RegExp][])('refuses %j', (value, rule) =>
        expect(refusal(field, value)).toEqual(refused(field, rule)),
      );
      it('refuses a number', () =>
        expect(refusal(field, 42)).toEqual(refused(field, /must be a string/)));
    },
  );

  describe.each(['modelName', 'endpointConfigName', 'endpointName'])(
    '%s (lowercase SageMaker name, also metadata.name)',
    field => {
      it.each(['a', 'ack-xgboost-model-7420', 'x'.repeat(63)])(
        'accepts %s',
        value => expect(issuesFor(field, value)).toEqual([]),
      );
      it.each([
        ['AllTraffic', /lowercase/],
        ['x'.repeat(64), /at most 63 characters/],
        ['-a', /metadata\.name/],
        ['a.b', /metadata\.name/],
        ...NEWLINE_AND_YAML_BREAKERS.map(v => [v, /SageMaker name rule/]),
      ] as [string, RegExp][])('refuses %j', (value, rule) =>
        expect(refusal(field, value)).toEqual(refused(field, rule)),
      );
    },
  );

  describe.each(['scalableTargetName', 'scalingPolicyName'])(
    '%s (DNS-1123 subdomain)',
    field => {
      it.each([
        'a',
        'ack-tutorial-endpoint-scaling-policy',
        'a.b-c',
        'x'.repeat(253),
      ])('accepts %s', value => expect(issuesFor(field, value)).toEqual([]));
      it.each([
        ['Upper', /DNS-1123 subdomain/],
        ['x'.repeat(254), /at most 253 characters/],
        ['a..b', /DNS-1123 subdomain/],
        ['-a', /DNS-1123 subdomain/],
        ...NEWLINE_AND_YAML_BREAKERS.map(v => [v, /DNS-1123 subdomain/]),
      ] as [string, RegExp][])('refuses %j', (value, rule) =>
        expect(refusal(field, value)).toEqual(refused(field, rule)),
      );
    },
  );

  describe('namespace (DNS-1123 label)', () => {
    it.each(['ml-serving', 'default', 'a', 'x'.repeat(63)])('accepts %s', v =>
      expect(issuesFor('namespace', v)).toEqual([]),
    );
    it.each([
      ['ML', /DNS-1123 label/],
      ['a.b', /DNS-1123 label/],
      ['x'.repeat(64), /at most 63 characters/],
      ['-a', /DNS-1123 label/],
      ...NEWLINE_AND_YAML_BREAKERS.map(v => [v, /DNS-1123 label/]),
    ] as [string, RegExp][])('refuses %j', (value, rule) =>
      expect(refusal('namespace', value)).toEqual(refused('namespace', rule)),
    );
  });

  describe('policyName (1..256 printable characters)', () => {
    it.each(['p', 'my policy: "60 rpm" --- v2', 'x'.repeat(256)])(
      'accepts %j',
      v => expect(issuesFor('policyName', v)).toEqual([]),
    );
    it.each([
      ['', /must not be empty/],
      ['x'.repeat(257), /at most 256 characters/],
      ['a\nb', /printable/],
      ['tab\there', /printable/],
      ['nul\u0000', /printable/],
    ] as [string, RegExp][])('refuses %j', (value, rule) =>
      expect(refusal('policyName', value)).toEqual(refused('policyName', rule)),
    );
  });

  describe('modelDataURL', () => {
    it.each([
      's3://bucket/model.tar.gz',
      's3://bucket',
      'https://example.com/models/m.tar.gz?version=2',
      's3://bucket/a---b/model.tar.gz',
      `s3://bucket/${'k'.repeat(1024 - 'https://bucket/'.length + 1)}`,
    ])('accepts %s', v => expect(issuesFor('modelDataURL', v)).toEqual([]));
    it.each([
      ['http://bucket/model.tar.gz', /s3:\/\/ or https:\/\//],
      ['ftp://bucket/model', /s3:\/\/ or https:\/\//],
      ['bucket/model.tar.gz', /s3:\/\/ or https:\/\//],
      ['s3://', /ModelDataUrl/],
      [`s3://bucket/${'k'.repeat(1024)}`, /at most 1024 characters/],
      ['s3://bucket/model\n.tar.gz', /without whitespace/],
      ['s3://bucket/a: b', /without whitespace/],
      ['s3://bucket/"x"', /quotes/],
      ["s3://bucket/it's", /quotes/],
    ] as [string, RegExp][])('refuses %j', (value, rule) =>
      expect(refusal('modelDataURL', value)).toEqual(
        refused('modelDataURL', rule),
      ),
    );
  });

  describe('image', () => {
    it.each([
      '683313688378.dkr.ecr.us-east-1.amazonaws.com/sagemaker-xgboost:1.2-1',
      'localhost:5000/team/model-server:latest',
      `registry.example.com/model@sha256:${'a'.repeat(64)}`,
      'nginx',
    ])('accepts %s', v => expect(issuesFor('image', v)).toEqual([]));
    it.each([
      ['registry.example.com/model server:1', /container image URI/],
      ['registry.example.com/model:1\nkind: Secret', /container image URI/],
      ['registry.example.com/Model:1', /container image URI/],
      ['"quoted/image"', /container image URI/],
      ['registry.example.com/model: latest', /container image URI/],
      [`registry.example.com/${'m'.repeat(250)}`, /at most 255 characters/],
    ] as [string, RegExp][])('refuses %j', (value, rule) =>
      expect(refusal('image', value)).toEqual(refused('image', rule)),
    );
  });

  describe('executionRoleARN', () => {
    it.each([
      'arn:aws:iam::123456789012:role/sagemaker-execution',
      'arn:aws-us-gov:iam::123456789012:role/path/to/role+name=,.@-_',
      'arn:aws-cn:iam::123456789012:role/r',
    ])('accepts %s', v => expect(issuesFor('executionRoleARN', v)).toEqual([]));
    it.each([
      ['arn:aws:iam::12345678901:role/short-account', /IAM role ARN/],
      ['arn:aws:iam::123456789012:user/someone', /IAM role ARN/],
      ['arn:aws:s3:::bucket-name-that-is-long', /IAM role ARN/],
      ['arn:aws:iam::123456789012:role/a b', /IAM role ARN/],
      ['arn:aws:iam::123456789012:role/a\nb', /IAM role ARN/],
      ['arn:aws:iam::1:role', /at least 20 characters/],
      [
        `arn:aws:iam::123456789012:role/${'r'.repeat(2048)}`,
        /at most 2048 characters/,
      ],
    ] as [string, RegExp][])('refuses %j', (value, rule) =>
      expect(refusal('executionRoleARN', value)).toEqual(
        refused('executionRoleARN', rule),
      ),
    );
  });

  describe('instanceType', () => {
    it.each([
      'ml.m5.large',
      'ml.g5.12xlarge',
      'ml.p4d.24xlarge',
      'ml.t3.medium',
    ])('accepts %s', v => expect(issuesFor('instanceType', v)).toEqual([]));
    it.each([
      ['ml.t2.medium', /burstable ml\.t2 type.*cannot scale/],
      ['ml.t2.xlarge', /burstable/],
      ['m5.large', /ml\.<family>\.<size>/],
      ['ml.m5', /ml\.<family>\.<size>/],
      ['ML.M5.LARGE', /ml\.<family>\.<size>/],
      ['ml.m5.large\n', /ml\.<family>\.<size>/],
    ] as [string, RegExp][])('refuses %j', (value, rule) =>
      expect(refusal('instanceType', value)).toEqual(
        refused('instanceType', rule),
      ),
    );
  });

  describe('metricType', () => {
    it.each([
      'SageMakerVariantInvocationsPerInstance',
      'SageMakerVariantConcurrentRequestsPerModelHighResolution',
    ])('accepts %s', v => expect(issuesFor('metricType', v)).toEqual([]));
    it.each([
      [
        'SageMakerVariantProvisionedConcurrencyUtilization',
        /scales sagemaker:variant:DesiredProvisionedConcurrency, not sagemaker:variant:DesiredInstanceCount/,
      ],
      [
        'SageMakerInferenceComponentInvocationsPerCopy',
        /scales sagemaker:inference-component:DesiredCopyCount/,
      ],
      [
        'CPUUtilization',
        /must be one of SageMakerVariantInvocationsPerInstance/,
      ],
      [7, /must be one of/],
    ] as [unknown, RegExp][])('refuses %j', (value, rule) =>
      expect(refusal('metricType', value)).toEqual(refused('metricType', rule)),
    );
  });

  describe('counts and capacity', () => {
    it('accepts initialInstanceCount at either end of [min, max]', () => {
      const base = { ...minimalSpec, minCapacity: 2, maxCapacity: 5 };
      for (const initialInstanceCount of [2, 5]) {
        expect(
          validateScaledEndpointSpec({ ...base, initialInstanceCount }),
        ).toEqual([]);
      }
    });
    it('accepts min equal to max', () => {
      expect(
        validateScaledEndpointSpec({
          ...minimalSpec,
          minCapacity: 3,
          maxCapacity: 3,
          initialInstanceCount: 3,
        }),
      ).toEqual([]);
    });
    it.each([
      ['initialInstanceCount', 0, /at least 1|between 1 and/],
      ['initialInstanceCount', 1.5, /whole number/],
      ['initialInstanceCount', '1', /whole number, got a string/],
      ['minCapacity', 0, /between 1 and/],
      ['minCapacity', -1, /between 1 and/],
      ['minCapacity', 1.2, /whole number/],
      ['maxCapacity', 2 ** 60, /between 1 and/],
      // AWS capacities are 32-bit integers
      ['maxCapacity', 2 ** 31, /between 1 and 2147483647 instances/],
      ['initialInstanceCount', 2 ** 31, /between 1 and 2147483647 instances/],
      ['maxCapacity', Number.NaN, /must be a whole number, got NaN/],
    ] as [string, unknown, RegExp][])('refuses %s %p', (field, value, rule) =>
      expect(refusal(field, value)).toEqual(refused(field, rule)),
    );
    it('refuses min above max, naming both', () => {
      expect(
        validateScaledEndpointSpec({
          ...minimalSpec,
          minCapacity: 4,
          maxCapacity: 2,
          initialInstanceCount: 3,
        }),
      ).toEqual([
        {
          field: 'maxCapacity',
          message:
            'maxCapacity must be greater than or equal to minCapacity, got minCapacity 4 and maxCapacity 2',
        },
      ]);
    });
    it.each([1, 6])('refuses initialInstanceCount %p outside [2, 5]', count => {
      expect(
        validateScaledEndpointSpec({
          ...minimalSpec,
          minCapacity: 2,
          maxCapacity: 5,
          initialInstanceCount: count,
        }),
      ).toEqual([
        {
          field: 'initialInstanceCount',
          message: `initialInstanceCount must lie within minCapacity and maxCapacity [2, 5], got ${count}`,
        },
      ]);
    });
  });

  describe('targetValue', () => {
    it.each([60, 0.5, 1e-6, 1e6, 8.51592e-109, 1.174271e108])('accepts %p', v =>
      expect(issuesFor('targetValue', v)).toEqual([]),
    );
    // the bounds Application Auto Scaling enforces on TargetValue
    it.each([0, -1, Infinity, 1e-320, 8.5e-109, 1.1743e108, 1e308])(
      'refuses %p',
      v =>
        expect(refusal('targetValue', v)).toEqual(
          refused(
            'targetValue',
            /must be a number between 8.51592e-109 and 1.174271e\+108, got .*\(Application Auto Scaling TargetValue\)/,
          ),
        ),
    );
    it.each([Number.NaN, '60'])('refuses the non-number %p', v =>
      expect(refusal('targetValue', v)).toEqual(
        refused('targetValue', /targetValue must be a number, got/),
      ),
    );
  });

  describe.each(['scaleInCooldown', 'scaleOutCooldown'])('%s', field => {
    it.each([0, 300, 86400])('accepts %p seconds', v =>
      expect(issuesFor(field, v)).toEqual([]),
    );
    it('may be left out (default 300)', () => {
      const { [field as 'scaleInCooldown']: _omitted, ...rest } = tutorialSpec;
      expect(validateScaledEndpointSpec(rest)).toEqual([]);
    });
    it.each([
      [-1, /between 0 and 86400 seconds/],
      [86401, /between 0 and 86400 seconds/],
      [1.5, /whole number/],
      ['300', /whole number/],
    ] as [unknown, RegExp][])('refuses %p', (value, rule) =>
      expect(refusal(field, value)).toEqual(refused(field, rule)),
    );
  });

  describe('disableScaleIn', () => {
    it.each([true, false])('accepts %p', v =>
      expect(issuesFor('disableScaleIn', v)).toEqual([]),
    );
    it.each(['true', 1])('refuses %p', v =>
      expect(refusal('disableScaleIn', v)).toEqual(
        refused('disableScaleIn', /must be true or false/),
      ),
    );
  });
});
