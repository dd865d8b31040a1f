import fs from 'node:fs/promises';
import path from 'node:path';
import { isChildPath } from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import {
  createTemplateAction,
  type TemplateAction,
} from '@backstage/plugin-scaffolder-node';
import {
  SERVICE_DESCRIPTION_MAX_LENGTH,
  ScaledEndpointSpec,
  type ScaledEndpointField,
  type ServiceCatalogInfo,
  buildScaledEndpointFieldSchema,
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
 * Input of `sagemaker:endpoint:render` (the rules of every field: its input schema).
 * @public
 */
export type RenderScaledEndpointInput = {
  serviceName: string;
  namespace: string;
  modelDataURL: string;
  image: string;
  executionRoleARN: string;
  containerHostname?: string | undefined;
  instanceType: string;
  initialInstanceCount: number;
  variantName?: string | undefined;
  minCapacity: number;
  maxCapacity: number;
  metricType?: string | undefined;
  targetValue: number;
  scaleInCooldown?: number | undefined;
  scaleOutCooldown?: number | undefined;
  disableScaleIn?: boolean | undefined;
  policyName?: string | undefined;
  modelName?: string | undefined;
  endpointConfigName?: string | undefined;
  endpointName?: string | undefined;
  scalableTargetName?: string | undefined;
  scalingPolicyName?: string | undefined;
  description?: string | undefined;
  owner?: string | undefined;
  system?: string | undefined;
  lifecycle?: string | undefined;
  catalogEntityProvider?: boolean | undefined;
  targetPath?: string | undefined;
};

/**
 * Output of `sagemaker:endpoint:render`.
 * @public
 */
export type RenderScaledEndpointOutput = {
  namespace: string;
  modelName: string;
  endpointConfigName: string;
  endpointName: string;
  variantName: string;
  scalableTargetName: string;
  scalingPolicyName: string;
  policyName: string;
  resourceId: string;
  manifests: Record<string, any>[];
  filePath: string;
};

/**
 * Creates the `sagemaker:endpoint:render` action: validates a scaled endpoint spec, renders
 * the five ACK resources (Model, EndpointConfig, Endpoint, ScalableTarget, ScalingPolicy)
 * into one multi-document YAML file in the workspace, and outputs the objects, the file
 * path and the resource names. Dry runs render too: writing into the task's own workspace
 * has no effect outside it.
 * @public
 */
export function createRenderScaledEndpointAction(): TemplateAction<
  RenderScaledEndpointInput,
  RenderScaledEndpointOutput,
  'v2'
> {
  return createTemplateAction({
    id: RENDER_SCALED_ENDPOINT_ACTION_ID,
    description:
      'Validates the settings of an autoscaled SageMaker endpoint and renders its five ACK resources (Model, EndpointConfig, Endpoint, ScalableTarget, ScalingPolicy) into one multi-document YAML file in the workspace.',
    examples,
    supportsDryRun: true,
    schema: {
      input: z => {
        // every spec field's schema comes from the shared rule table; the task runner
        // validates only the JSON Schema of this, so the handler applies the cross-field
        // rules (min <= initial <= max, no ml.t2) itself. The casts name the kind of rule
        // the table gives the field (tests hold the schema to the table).
        const text = (field: ScaledEndpointField) =>
          buildScaledEndpointFieldSchema(z, field) as ReturnType<
            typeof z.string
          >;
        const count = (field: ScaledEndpointField) =>
          buildScaledEndpointFieldSchema(z, field) as ReturnType<
            typeof z.number
          >;
        const flag = (field: ScaledEndpointField) =>
          buildScaledEndpointFieldSchema(z, field) as ReturnType<
            typeof z.boolean
          >;
        return z.object({
          serviceName: text('serviceName'),
          namespace: text('namespace'),
          modelDataURL: text('modelDataURL'),
          image: text('image'),
          executionRoleARN: text('executionRoleARN'),
          instanceType: text('instanceType'),
          initialInstanceCount: count('initialInstanceCount'),
          variantName: text('variantName').optional(),
          containerHostname: text('containerHostname').optional(),
          minCapacity: count('minCapacity'),
          maxCapacity: count('maxCapacity'),
          targetValue: count('targetValue'),
          metricType: text('metricType').optional(),
          scaleInCooldown: count('scaleInCooldown').optional(),
          scaleOutCooldown: count('scaleOutCooldown').optional(),
          disableScaleIn: flag('disableScaleIn').optional(),
          modelName: text('modelName').optional(),
          endpointConfigName: text('endpointConfigName').optional(),
          endpointName: text('endpointName').optional(),
          scalableTargetName: text('scalableTargetName').optional(),
          scalingPolicyName: text('scalingPolicyName').optional(),
          policyName: text('policyName').optional(),
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
