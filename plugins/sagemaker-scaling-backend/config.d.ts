export interface Config {
  /**
   * Settings of the SageMaker scaling backend; the clusters (`sagemakerScaling.clusters`)
   * are declared by `@mlplatform/plugin-sagemaker-scaling-node`.
   */
  sagemakerScaling?: {
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
      /**
       * The AWS Price List API (`GetProducts`, service code AmazonSageMaker) for
       * instance prices. Off by default: the bundled us-east-1 list prices apply. A
       * failed look-up falls back to them, with the reason stated.
       */
      pricing?: {
        /** Look prices up in the Price List API (default false). */
        enabled?: boolean;
        /** Endpoint override (e.g. the sandbox); the API itself is called in us-east-1. */
        endpoint?: string;
        /** Hours a looked-up price is reused (default 6). */
        cacheHours?: number;
      };
    };
    /**
     * USD per instance-hour by instance type, dots written as dashes
     * (`ml-g5-4xlarge: 2.03`); these win over the Price List and the bundled prices.
     */
    prices?: { [instanceTypeWithDashes: string]: number };
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
    /** The change history of variants' scaling settings. */
    history?: {
      /** Days a recorded change is kept (default 90); older ones are pruned hourly. */
      retentionDays?: number;
    };
    /** Live stream settings. */
    stream?: {
      /** Seconds between heartbeat events (default 15). */
      heartbeatSeconds?: number;
      /**
       * Seconds between re-authorizations of an open stream (default 60): the entity is
       * read again with the caller's credentials and the read permission checked again;
       * the stream closes with an `error` event when either is gone. A change of the
       * entity in the catalog (polled every 10 s per streamed entity) re-checks at once.
       */
      reauthorizeSeconds?: number;
    };
    /**
     * Backstage notifications to an entity's owners when a finding they must act on
     * starts or ends (one notification per entity and finding, updated in place).
     */
    notifications?: {
      /** Default: on when the app has the notifications backend plugin. */
      enabled?: boolean;
      /**
       * Which findings notify (default all of them): `at-max-capacity`,
       * `endpoint-failed`, `terminal-condition`, `scaling-activity-failed`.
       */
      findings?: string[];
      /** Minutes a variant must stay at its maximum capacity before its owners hear of it (default 15). */
      atMaxForMinutes?: number;
      /** Seconds between evaluations, run by one replica at a time (default 30). */
      intervalSeconds?: number;
    };
  };
}
