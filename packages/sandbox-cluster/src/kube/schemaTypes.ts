/**
 * The parts of a CustomResourceDefinition version the sandbox reads: printer columns and
 * OpenAPI v3 schema nodes.
 */

/** A printer column of a CRD version. @public */
export interface PrinterColumn {
  name: string;
  type: string;
  jsonPath: string;
  priority?: number;
  description?: string;
  format?: string;
}

/** An OpenAPI v3 schema node, as far as the sandbox reads it. @public */
export interface SchemaNode {
  type?: string;
  properties?: Record<string, SchemaNode>;
  additionalProperties?: SchemaNode | boolean;
  items?: SchemaNode;
  required?: string[];
  description?: string;
  'x-kubernetes-preserve-unknown-fields'?: boolean;
  [key: string]: unknown;
}
