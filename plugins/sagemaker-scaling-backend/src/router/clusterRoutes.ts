import Router from 'express-promise-router';
import type { HttpAuthService } from '@backstage/backend-plugin-api';
import type { ClustersResponse } from '@mlplatform/plugin-sagemaker-scaling-common';
import type { ClusterRegistry } from '../clusters/ClusterRegistry';

/** `GET /v1/clusters`: the configured clusters and whether they can be read. @internal */
export function clusterRoutes(options: {
  httpAuth: HttpAuthService;
  clusters: ClusterRegistry;
}) {
  const { httpAuth, clusters } = options;
  const router = Router();
  router.get('/v1/clusters', async (req, res) => {
    await httpAuth.credentials(req, { allow: ['user', 'service'] });
    const body: ClustersResponse = {
      clusters: clusters.list().map(c => {
        const f = c.cache.freshness();
        return {
          name: c.config.name,
          reachable: f.synced && !f.unreachable,
          ...(f.observedAt ? { lastSyncAt: f.observedAt.toISOString() } : {}),
          ...(f.problem && !f.current ? { error: f.problem.message } : {}),
        };
      }),
    };
    res.json(body);
  });
  return router;
}
