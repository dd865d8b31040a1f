export interface Config {
  /** Configuration of the SageMaker scaling plugins (backend, scaffolder actions, catalog module). */
  sagemakerScaling?: {
    /**
     * Clusters running the ACK SageMaker and Application Auto Scaling controllers. When
     * absent, the `type: config` clusters of `kubernetes.clusterLocatorMethods` are used.
     */
    clusters?: Array<{
      /** Name used by the `sagemaker.services.k8s.aws/cluster` entity annotation. */
      name: string;
      /** API server URL; optional for kubeconfig and inCluster auth. */
      url?: string;
      /** Base64 PEM CA bundle of the API server. */
      caData?: string;
      /** Path of a PEM CA bundle of the API server. */
      caFile?: string;
      /** Skip TLS verification (development only). */
      skipTLSVerify?: boolean;
      /** Namespaces to watch; all namespaces when absent. */
      namespaces?: string[];
      /** How the plugin authenticates to the cluster. */
      auth:
        | {
            type: 'serviceAccount';
            /**
             * Bearer token of a service account.
             * @visibility secret
             */
            token: string;
          }
        | {
            type: 'kubeconfig';
            /** Path of a kubeconfig file (exec plugins such as `aws eks get-token` work). */
            path: string;
            /** Context in the file; its current context when absent. */
            context?: string;
          }
        | { type: 'inCluster' }
        | {
            type: 'aws';
            /** EKS cluster name (x-k8s-aws-id); defaults to `name`. */
            clusterName?: string;
            /** STS region to sign in; default us-east-1. */
            region?: string;
            /** Role to assume before signing the token. */
            assumeRole?: string;
            /**
             * External id for the role assumption.
             * @visibility secret
             */
            externalId?: string;
            /** Account of the `aws` config whose credentials sign the token. */
            accountId?: string;
          };
    }>;
  };
}
