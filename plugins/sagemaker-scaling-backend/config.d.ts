export interface Config {
  /** Configuration of the SageMaker scaling plugins (backend and scaffolder actions). */
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
    /**
     * Application Auto Scaling and CloudWatch access; credentials come from the standard
     * `aws` config.
     */
    aws?: {
      /** AWS region of the endpoints; default `aws.mainAccount.region`, else us-east-1. */
      region?: string;
      /** Account of the `aws` config to use for credentials. */
      accountId?: string;
      /** Endpoint override, e.g. the sandbox's `http://127.0.0.1:6480`. */
      applicationAutoScalingEndpoint?: string;
      /**
       * CloudWatch endpoint override for the per-instance load (`GetMetricData`), e.g. the
       * sandbox's `http://127.0.0.1:6480`. Not derived from the Application Auto Scaling
       * endpoint: each is set explicitly.
       */
      cloudWatchEndpoint?: string;
      /**
       * Hours before and after now in which the newest load datapoints are looked for
       * (default 72). Only the newest hour is read; a wide window also covers a sandbox
       * whose simulated clock runs behind or ahead of the wall clock.
       */
      metricsWindowHours?: number;
    };
    /** Seconds a single Kubernetes API request may take (default 10). */
    requestTimeoutSeconds?: number;
    /** Watch cache settings. */
    watch?: {
      /** Seconds before the first re-list after a watch drops or a list fails (default 1). */
      initialBackoffSeconds?: number;
      /**
       * Upper bound of the doubling re-list delay, in seconds (default 5): also how long
       * the cache may take at most to resume after the API server answers again.
       */
      maxBackoffSeconds?: number;
      /**
       * Seconds the cached data may go without proof of being current (a watch event, a
       * bookmark, a successful list) before snapshots say `stale: true` and the silent
       * watch is re-listed (default 90). Keep it above the API server's bookmark interval
       * (about 60 s on real clusters, 10 s in the sandbox).
       */
      staleAfterSeconds?: number;
    };
    /** Live stream settings. */
    stream?: {
      /** Seconds between heartbeat events (default 15). */
      heartbeatSeconds?: number;
    };
  };
}
