import Router from 'express-promise-router';
import type { HttpAuthService } from '@backstage/backend-plugin-api';
import type { FleetService } from '../fleet/FleetService';
import { fleetQuerySchema } from '../fleet/fleetQuery';
import { parseInput } from './validation';

/** `GET /v1/fleet`: a page of the ML services the caller may read. @internal */
export function fleetRoutes(options: {
  httpAuth: HttpAuthService;
  fleet: FleetService;
}) {
  const { httpAuth, fleet } = options;
  const router = Router();
  router.get('/v1/fleet', async (req, res) => {
    const credentials = await httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    const query = parseInput(fleetQuerySchema, req.query, 'query');
    res.json(await fleet.page(query, credentials));
  });
  return router;
}
