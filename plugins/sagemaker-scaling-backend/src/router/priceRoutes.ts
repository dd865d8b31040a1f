import Router from 'express-promise-router';
import type { HttpAuthService } from '@backstage/backend-plugin-api';
import {
  HOURS_PER_MONTH,
  variantCostFigures,
} from '@mlplatform/plugin-sagemaker-scaling-common';
import type { InstancePriceSource } from '../pricing/InstancePriceSource';
import { parseInput, pricesQuerySchema } from './validation';

/**
 * `GET /v1/prices`: the price of an instance type and of a capacity range, per hour and
 * per 730-hour month, for any signed-in user or service (the scaffolder form shows it
 * before an endpoint exists). Unknown prices answer 200 with `unknown: true` and the
 * setting that would make them known.
 * @internal
 */
export function priceRoutes(options: {
  httpAuth: HttpAuthService;
  prices: InstancePriceSource;
}) {
  const { httpAuth, prices } = options;
  const router = Router();

  router.get('/v1/prices', async (req, res) => {
    await httpAuth.credentials(req, { allow: ['user', 'service'] });
    const query = parseInput(pricesQuerySchema, req.query, 'prices query');
    const price = await prices.price(query.instanceType);
    const fallback =
      price.fallbackReason !== undefined
        ? { fallbackReason: price.fallbackReason }
        : {};
    const figures = variantCostFigures(price, {
      instances: query.minCapacity,
      minCapacity: query.minCapacity,
      maxCapacity: query.maxCapacity,
    });
    if (figures.unknown) {
      res.json({ ...figures, ...fallback });
      return;
    }
    // Both counts were given, so both figures are there.
    const atMin = figures.usdPerHourAtMin!;
    const atMax = figures.usdPerHourAtMax!;
    res.json({
      instanceType: query.instanceType,
      usdPerInstanceHour: figures.usdPerInstanceHour,
      perHour: { atMin, atMax },
      perMonth: {
        hours: HOURS_PER_MONTH,
        atMin: atMin * HOURS_PER_MONTH,
        atMax: atMax * HOURS_PER_MONTH,
      },
      source: figures.priceSource,
      label: 'estimate from list prices',
      ...fallback,
    });
  });

  return router;
}
