/**
 * How the SageMaker scaling plugins reach a Kubernetes cluster that runs the ACK controllers.
 */

/**
 * A static service-account (bearer) token.
 * @public
 */
export interface ServiceAccountClusterAuth {
  type: 'serviceAccount';
  token: string;
}

/**
 * A kubeconfig file, optionally a context in it. Exec plugins (for example
 * `aws eks get-token`) run through `@kubernetes/client-node`.
 * @public
 */
export interface KubeconfigClusterAuth {
  type: 'kubeconfig';
  /** Path of the kubeconfig file. */
  path: string;
  /** Context to use; the file's current context when absent. */
  context?: string;
}

/**
 * The pod's own service account (`/var/run/secrets/kubernetes.io/serviceaccount`).
 * @public
 */
export interface InClusterClusterAuth {
  type: 'inCluster';
}

/**
 * AWS IAM authentication to EKS: a presigned STS GetCallerIdentity token, signed with the
 * credentials `@backstage/integration-aws-node` resolves from the `aws` config.
 * @public
 */
export interface AwsIamClusterAuth {
  type: 'aws';
  /** EKS cluster name, sent as `x-k8s-aws-id`; defaults to the cluster's `name`. */
  clusterName?: string;
  /** STS region used to sign the token; default `us-east-1`. */
  region?: string;
  /** Role to assume before signing. */
  assumeRole?: string;
  /** External id for the role assumption. */
  externalId?: string;
  /** AWS account whose credentials sign the token (see the `aws` config). */
  accountId?: string;
}

/** @public */
export type SageMakerClusterAuth =
  | ServiceAccountClusterAuth
  | KubeconfigClusterAuth
  | InClusterClusterAuth
  | AwsIamClusterAuth;

/**
 * One cluster the SageMaker scaling plugins read ACK resources from and apply them to.
 * @public
 */
export interface SageMakerClusterConfig {
  /** Name people and the `sagemaker.services.k8s.aws/cluster` annotation use. */
  name: string;
  /** API server URL; optional for `kubeconfig` and `inCluster` auth (taken from there). */
  url?: string;
  /** Base64 PEM of the API server's CA. */
  caData?: string;
  /** Path of a PEM file with the API server's CA. */
  caFile?: string;
  /** Skip TLS verification (development only). */
  skipTLSVerify: boolean;
  /** Namespaces to watch; all namespaces when empty. */
  namespaces: string[];
  auth: SageMakerClusterAuth;
}
