/**
 * Specs for the manifest builders: the smallest valid one, and a generator of every
 * spec the validation accepts (for property tests).
 */
import fc from 'fast-check';

/** A minimal valid `ScaledEndpointSpec`: only the required fields. @public */
export const minimalSpec = {
  serviceName: 'churn-prediction',
  namespace: 'ml-serving',
  modelDataURL: 's3://models/churn/model.tar.gz',
  image: '683313688378.dkr.ecr.us-east-1.amazonaws.com/sagemaker-xgboost:1.2-1',
  executionRoleARN: 'arn:aws:iam::123456789012:role/sagemaker-execution',
  instanceType: 'ml.m5.large',
  initialInstanceCount: 1,
  minCapacity: 1,
  maxCapacity: 3,
  targetValue: 60,
};

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

/** The fields `validScaledEndpointSpec` generates (a `ScaledEndpointSpec`). @public */
export interface GeneratedScaledEndpointSpec {
  serviceName: string;
  namespace: string;
  modelDataURL: string;
  image: string;
  executionRoleARN: string;
  instanceType: string;
  minCapacity: number;
  maxCapacity: number;
  initialInstanceCount: number;
  targetValue: number;
  variantName?: string;
  containerHostname?: string;
  metricType?:
    | 'SageMakerVariantInvocationsPerInstance'
    | 'SageMakerVariantConcurrentRequestsPerModelHighResolution';
  scaleInCooldown?: number;
  scaleOutCooldown?: number;
  disableScaleIn?: boolean;
  modelName?: string;
  endpointConfigName?: string;
  endpointName?: string;
  scalableTargetName?: string;
  scalingPolicyName?: string;
  policyName?: string;
}

/** Any spec the validation rules allow (fast-check). @public */
export const validScaledEndpointSpec: fc.Arbitrary<GeneratedScaledEndpointSpec> =
  fc
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
      // the range Application Auto Scaling accepts for TargetValue
      targetValue: fc.double({
        min: 8.51592e-109,
        max: 1.174271e108,
        noNaN: true,
      }),
      variantName: optional(sageMakerName),
      containerHostname: optional(sageMakerName),
      metricType: optional(
        fc.constantFrom(
          'SageMakerVariantInvocationsPerInstance' as const,
          'SageMakerVariantConcurrentRequestsPerModelHighResolution' as const,
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

/**
 * `count` specs from {@link validScaledEndpointSpec}, the same for the same seed (for tests
 * that want generated input without depending on fast-check themselves).
 * @public
 */
export function sampleValidScaledEndpointSpecs(
  count: number,
  seed = 7420,
): GeneratedScaledEndpointSpec[] {
  return fc.sample(validScaledEndpointSpec, { numRuns: count, seed });
}
