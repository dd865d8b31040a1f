import fs from 'node:fs/promises';
import path from 'node:path';
import { isChildPath } from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import {
  DNS1123_LABEL_MAX_LENGTH,
  DNS1123_LABEL_PATTERN,
  DNS1123_SUBDOMAIN_MAX_LENGTH,
  DNS1123_SUBDOMAIN_PATTERN,
  EXECUTION_ROLE_ARN_MAX_LENGTH,
  EXECUTION_ROLE_ARN_MIN_LENGTH,
  EXECUTION_ROLE_ARN_PATTERN,
  IMAGE_MAX_LENGTH,
  IMAGE_PATTERN,
  INSTANCE_TYPE_PATTERN,
  INSTANCE_VARIANT_METRIC_TYPES,
  LOWERCASE_SAGEMAKER_NAME_PATTERN,
  MAX_COOLDOWN_SECONDS,
  MODEL_DATA_URL_MAX_LENGTH,
  MODEL_DATA_URL_PATTERN,
  POLICY_NAME_MAX_LENGTH,
  POLICY_NAME_PATTERN,
  SAGEMAKER_NAME_MAX_LENGTH,
  SAGEMAKER_NAME_PATTERN,
  SERVICE_DESCRIPTION_MAX_LENGTH,
  ScaledEndpointSpec,
  type ServiceCatalogInfo,
  buildScaledEndpointManifests,
  manifestsToYaml,
  normalizeScaledEndpointSpec,
  scaledEndpointManifestList,
  validateScaledEndpointSpec,
  validateServiceCatalogInfo,
  variantResourceId,
} from '@mlplatform/plugin-sagemaker-scaling-common';
import { examples } from './renderScaledEndpoint.examples';

/** Id of the render action. @public */
export const RENDER_SCALED_ENDPOINT_ACTION_ID = 'sagemaker:endpoint:render';

/** Inputs that are the service's catalog fields, not part of the endpoint spec. */
const CATALOG_FIELDS = [
  'owner',
  'system',
  'description',
  'lifecycle',
  'catalogEntityProvider',
] as const;

/** Drops `undefined`: the task runner passes it for optional parameters left out. */
function defined(record: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(record).filter(([, value]) => value !== undefined),
  );
}

/** The spec fields of an action input: everything but where to write and the catalog fields. */
function specOf(input: Record<string, unknown>): Record<string, unknown> {
  const spec: Record<string, unknown> = { ...input };
  delete spec.targetPath;
  for (const field of CATALOG_FIELDS) delete spec[field];
  return defined(spec);
}

/**
 * The service's catalog fields, or undefined when none is given (then the resources carry
 * no catalog labels or annotations).
 */
function catalogOf(
  input: Record<string, unknown>,
): ServiceCatalogInfo | undefined {
  // an optional form field the user cleared arrives as ''
  const given = Object.fromEntries(
    CATALOG_FIELDS.map(field => [field, input[field]]).filter(
      ([, value]) => value !== undefined && value !== '',
    ),
  );
  if (Object.keys(given).length === 0) return undefined;
  const { catalogEntityProvider, ...rest } = given;
  return {
    ...rest,
    ...(catalogEntityProvider !== undefined
      ? { entityProvider: catalogEntityProvider }
      : {}),
  } as unknown as ServiceCatalogInfo;
}

/** Every broken rule of the input: the endpoint spec's and the catalog fields'. */
function issuesOf(input: Record<string, unknown>) {
  const catalog = catalogOf(input);
  return [
    ...validateScaledEndpointSpec(specOf(input)),
    ...(catalog ? validateServiceCatalogInfo(catalog) : []),
  ];
}

/**
 * Resolves the workspace-relative file to write, refusing absolute paths and paths that
 * leave the workspace.
 */
function resolveTargetFile(workspacePath: string, targetPath: string) {
  if (path.isAbsolute(targetPath)) {
    throw new InputError(
      `targetPath must be relative to the workspace, got absolute path ${targetPath}`,
    );
  }
  const file = path.resolve(workspacePath, targetPath);
  if (
    file === path.resolve(workspacePath) ||
    !isChildPath(workspacePath, file)
  ) {
    throw new InputError(
      `targetPath must name a file inside the workspace, got ${targetPath}`,
    );
  }
  return file;
}

/**
 * Creates the `sagemaker:endpoint:render` action: validates a scaled endpoint spec, renders
 * the five ACK resources (Model, EndpointConfig, Endpoint, ScalableTarget, ScalingPolicy)
 * into one multi-document YAML file in the workspace, and outputs the objects, the file
 * path and the resource names. Dry runs render too: writing into the task's own workspace
 * has no effect outside it.
 * @public
 */
export function createRenderScaledEndpointAction() {
  return createTemplateAction({
    id: RENDER_SCALED_ENDPOINT_ACTION_ID,
    description:
      'Validates the settings of an autoscaled SageMaker endpoint and renders its five ACK resources (Model, EndpointConfig, Endpoint, ScalableTarget, ScalingPolicy) into one multi-document YAML file in the workspace.',
    examples,
    supportsDryRun: true,
    schema: {
      input: z => {
        const sageMakerName = (description: string) =>
          z
            .string({ description })
            .min(1)
            .max(SAGEMAKER_NAME_MAX_LENGTH)
            .regex(SAGEMAKER_NAME_PATTERN);
        const resourceName = (description: string) =>
          z
            .string({ description })
            .min(1)
            .max(SAGEMAKER_NAME_MAX_LENGTH)
            .regex(LOWERCASE_SAGEMAKER_NAME_PATTERN)
            .optional();
        const objectName = (description: string) =>
          z
            .string({ description })
            .min(1)
            .max(DNS1123_SUBDOMAIN_MAX_LENGTH)
            .regex(DNS1123_SUBDOMAIN_PATTERN)
            .optional();
        const wholeNumber = (description: string) =>
          z.number({ description }).int();
        const cooldown = (description: string) =>
          wholeNumber(description).min(0).max(MAX_COOLDOWN_SECONDS).optional();
        return z
          .object({
            serviceName: sageMakerName(
              'Name of the ML service; the resource names derive from it',
            ),
            namespace: z
              .string({
                description: 'Kubernetes namespace of the ACK resources',
              })
              .min(1)
              .max(DNS1123_LABEL_MAX_LENGTH)
              .regex(DNS1123_LABEL_PATTERN),
            modelDataURL: z
              .string({
                description:
                  'Where the model artifacts are (s3:// or https://)',
              })
              .max(MODEL_DATA_URL_MAX_LENGTH)
              .regex(MODEL_DATA_URL_PATTERN),
            image: z
              .string({ description: 'Inference container image URI' })
              .max(IMAGE_MAX_LENGTH)
              .regex(IMAGE_PATTERN),
            executionRoleARN: z
              .string({
                description: 'IAM role SageMaker assumes to run the model',
              })
              .min(EXECUTION_ROLE_ARN_MIN_LENGTH)
              .max(EXECUTION_ROLE_ARN_MAX_LENGTH)
              .regex(EXECUTION_ROLE_ARN_PATTERN),
            instanceType: z
              .string({
                description:
                  'SageMaker instance type ml.<family>.<size>; ml.t2.* cannot be autoscaled',
              })
              .max(64)
              .regex(INSTANCE_TYPE_PATTERN),
            initialInstanceCount: wholeNumber(
              'Instances at creation, within [minCapacity, maxCapacity]',
            ).min(1),
            variantName: sageMakerName(
              'Production variant name (default AllTraffic)',
            ).optional(),
            containerHostname: sageMakerName(
              'Container hostname (left out when not given)',
            ).optional(),
            minCapacity: wholeNumber('Fewest instances').min(1),
            maxCapacity: wholeNumber('Most instances').min(1),
            targetValue: z
              .number({
                description: 'Target value of the metric per instance',
              })
              .gt(0),
            metricType: z
              .enum(INSTANCE_VARIANT_METRIC_TYPES as [string, ...string[]], {
                description:
                  'Predefined metric to track (default SageMakerVariantInvocationsPerInstance)',
              })
              .optional(),
            scaleInCooldown: cooldown(
              'Seconds after a scale-in before the next (default 300)',
            ),
            scaleOutCooldown: cooldown(
              'Seconds after a scale-out before the next (default 300)',
            ),
            disableScaleIn: z
              .boolean({
                description:
                  'When true the policy never removes instances (default false)',
              })
              .optional(),
            modelName: resourceName('Model name (default <service>-model)'),
            endpointConfigName: resourceName(
              'Endpoint config name (default <service>-config)',
            ),
            endpointName: resourceName('Endpoint name (default <service>)'),
            scalableTargetName: objectName(
              'ScalableTarget metadata.name (default <service>-scalable-target)',
            ),
            scalingPolicyName: objectName(
              'ScalingPolicy metadata.name (default <service>-scaling-policy)',
            ),
            policyName: z
              .string({
                description:
                  'Application Auto Scaling policy name (default: the ScalingPolicy metadata.name)',
              })
              .min(1)
              .max(POLICY_NAME_MAX_LENGTH)
              .regex(POLICY_NAME_PATTERN)
              .optional(),
            owner: z
              .string({
                description:
                  'Entity ref of the owner (e.g. group:default/ml-platform), written as an annotation on every resource; required with any other catalog field',
              })
              .optional(),
            system: z
              .string({
                description:
                  'Entity ref of the system the service belongs to (annotation)',
              })
              .optional(),
            description: z
              .string({ description: 'What the service does (annotation)' })
              .max(SERVICE_DESCRIPTION_MAX_LENGTH)
              .optional(),
            lifecycle: z
              .string({
                description:
                  'Catalog lifecycle, e.g. experimental or production (annotation; default experimental)',
              })
              .optional(),
            catalogEntityProvider: z
              .boolean({
                description:
                  'Label the resources for the SageMaker catalog entity provider, which then catalogs the service from its Endpoint (for delivery without a catalog-info.yaml; default false)',
              })
              .optional(),
            targetPath: z
              .string({
                description:
                  'Workspace-relative file to write (default manifests/<serviceName>.yaml)',
              })
              .min(1)
              .optional(),
          })
          .superRefine((input, ctx) => {
            // the cross-field rules (min <= max, initial count within them, no ml.t2)
            // live once, in the shared validation
            for (const issue of issuesOf(input)) {
              ctx.addIssue({
                code: z.ZodIssueCode.custom,
                path: issue.field ? [issue.field] : [],
                message: issue.message,
              });
            }
          });
      },
      output: z =>
        z.object({
          manifests: z.array(z.record(z.any()), {
            description:
              'The five objects in apply order: Model, EndpointConfig, Endpoint, ScalableTarget, ScalingPolicy',
          }),
          filePath: z.string({
            description: 'Workspace-relative path of the YAML file written',
          }),
          namespace: z.string(),
          modelName: z.string(),
          endpointConfigName: z.string(),
          endpointName: z.string(),
          variantName: z.string(),
          scalableTargetName: z.string(),
          scalingPolicyName: z.string(),
          policyName: z.string(),
          resourceId: z.string({
            description:
              'Application Auto Scaling resource ID, endpoint/<endpoint>/variant/<variant>',
          }),
        }),
    },
    async handler(ctx) {
      // The task runner checks only the JSON Schema derived from the input schema, so the
      // full rules run here, before anything is written.
      const input = ctx.input as Record<string, unknown>;
      const specInput = specOf(input);
      const issues = issuesOf(input);
      if (issues.length > 0) {
        throw new InputError(
          `Invalid input to ${RENDER_SCALED_ENDPOINT_ACTION_ID}: ${issues
            .map(i => i.message)
            .join('; ')}`,
        );
      }
      const spec = specInput as unknown as ScaledEndpointSpec;
      const targetPath =
        input.targetPath ?? `manifests/${spec.serviceName}.yaml`;
      if (typeof targetPath !== 'string' || targetPath.length === 0) {
        throw new InputError(
          'targetPath must be a non-empty workspace-relative file path',
        );
      }
      const file = resolveTargetFile(ctx.workspacePath, targetPath);

      const manifests = buildScaledEndpointManifests(spec, catalogOf(input));
      const names = normalizeScaledEndpointSpec(spec);
      await fs.mkdir(path.dirname(file), { recursive: true });
      await fs.writeFile(file, manifestsToYaml(manifests), 'utf8');
      const filePath = path
        .relative(ctx.workspacePath, file)
        .split(path.sep)
        .join('/');
      ctx.logger.info(
        `Rendered ${scaledEndpointManifestList(manifests)
          .map(o => `${o.kind}/${o.metadata.name}`)
          .join(', ')} in namespace ${names.namespace} to ${filePath}${
          ctx.isDryRun ? ' (dry run)' : ''
        }`,
      );

      ctx.output(
        'manifests',
        scaledEndpointManifestList(manifests).map(o => ({ ...o })),
      );
      ctx.output('filePath', filePath);
      ctx.output('namespace', names.namespace);
      ctx.output('modelName', names.modelName);
      ctx.output('endpointConfigName', names.endpointConfigName);
      ctx.output('endpointName', names.endpointName);
      ctx.output('variantName', names.variantName);
      ctx.output('scalableTargetName', names.scalableTargetName);
      ctx.output('scalingPolicyName', names.scalingPolicyName);
      ctx.output('policyName', names.policyName);
      ctx.output(
        'resourceId',
        variantResourceId(names.endpointName, names.variantName),
      );
    },
  });
}
