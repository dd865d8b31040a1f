/**
 * The shape of an `apiextensions.k8s.io/v1` CustomResourceDefinition, as far as the
 * sandbox reads one, and a builder for the ACK kinds' definitions.
 */
import type { PrinterColumn, SchemaNode } from '../schemaTypes';
import { object, string } from './schema';

/** A CustomResourceDefinition object (the fields the sandbox reads). @internal */
export interface CustomResourceDefinition {
  apiVersion: 'apiextensions.k8s.io/v1';
  kind: 'CustomResourceDefinition';
  metadata: { name: string };
  spec: {
    group: string;
    names: {
      kind: string;
      listKind?: string;
      plural: string;
      singular?: string;
      shortNames?: string[];
      categories?: string[];
    };
    scope: 'Namespaced' | 'Cluster';
    versions: Array<{
      name: string;
      served: boolean;
      storage: boolean;
      additionalPrinterColumns?: PrinterColumn[];
      subresources?: { status?: Record<string, never> };
      schema?: { openAPIV3Schema: SchemaNode };
    }>;
  };
}

/** What differs between the five ACK kinds. @internal */
export interface AckKindDefinition {
  group:
    | 'sagemaker.services.k8s.aws'
    | 'applicationautoscaling.services.k8s.aws';
  kind: string;
  plural: string;
  printerColumns?: PrinterColumn[];
  spec: SchemaNode;
  status: SchemaNode;
}

/**
 * A namespaced, single-version (v1alpha1) definition with the status subresource, the
 * way the ACK code generator writes them: no short names or categories, so that
 * `kubectl` commands that work against the sandbox work against a real cluster too.
 * @internal
 */
export function ackCustomResourceDefinition(
  def: AckKindDefinition,
): CustomResourceDefinition {
  return {
    apiVersion: 'apiextensions.k8s.io/v1',
    kind: 'CustomResourceDefinition',
    metadata: { name: `${def.plural}.${def.group}` },
    spec: {
      group: def.group,
      names: {
        kind: def.kind,
        listKind: `${def.kind}List`,
        plural: def.plural,
        singular: def.kind.toLowerCase(),
      },
      scope: 'Namespaced',
      versions: [
        {
          name: 'v1alpha1',
          served: true,
          storage: true,
          ...(def.printerColumns
            ? { additionalPrinterColumns: def.printerColumns }
            : {}),
          subresources: { status: {} },
          schema: {
            openAPIV3Schema: {
              description: `${def.kind} of the AWS Controllers for Kubernetes (the sandbox's definition)`,
              ...object({
                apiVersion: string(),
                kind: string(),
                metadata: { type: 'object' },
                spec: def.spec,
                status: def.status,
              }),
            },
          },
        },
      ],
    },
  };
}
