import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { BUNDLED_INSTANCE_PRICES } from './bundledInstancePrices';

const root = join(__dirname, '../../../..');

describe('BUNDLED_INSTANCE_PRICES', () => {
  it('holds exactly the prices of the decision-support reference table', () => {
    const reference = readFileSync(
      join('/work/shared/reference/decision-support.md'),
      'utf8',
    );
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

  it('prices only instance types the scaffolder template offers', () => {
    const template = parse(
      readFileSync(
        join(
          root,
          'plugins/scaffolder-backend-module-sagemaker/templates/scaled-model-endpoint/template.yaml',
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
