import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  describeWithShared,
  sharedPath,
} from '@mlplatform/sagemaker-scaling-test-fixtures';
import { parse } from 'yaml';
import { BUNDLED_INSTANCE_PRICES } from './bundledInstancePrices';

const REFERENCE = 'reference/decision-support.md';

describeWithShared(
  'BUNDLED_INSTANCE_PRICES and the reference',
  [REFERENCE],
  () => {
    it('holds exactly the prices of the decision-support price table', () => {
      const reference = readFileSync(sharedPath(REFERENCE), 'utf8');
      const rows = [
        ...reference.matchAll(
          /^\| (ml\.[a-z0-9.]+) \| ([0-9.]+) \| (high|medium)/gm,
        ),
      ].map(([, type, price, confidence]) => [type, Number(price), confidence]);
      expect(rows.length).toBeGreaterThan(0);
      expect(
        Object.entries(BUNDLED_INSTANCE_PRICES).map(([type, p]) => [
          type,
          p.usdPerHour,
          p.confidence,
        ]),
      ).toEqual(rows);
    });
  },
);

describe('BUNDLED_INSTANCE_PRICES', () => {
  it('prices only instance types the scaffolder template offers', () => {
    const template = parse(
      readFileSync(
        join(
          __dirname,
          '../../../scaffolder-backend-module-sagemaker/templates/scaled-model-endpoint/template.yaml',
        ),
        'utf8',
      ),
    );
    const offered: string[] = template.spec.parameters
      .map((p: any) => p.properties?.instanceType?.enum)
      .find(Boolean);
    expect(offered).toEqual(
      expect.arrayContaining(Object.keys(BUNDLED_INSTANCE_PRICES)),
    );
  });
});
