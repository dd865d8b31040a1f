import {
  GetProductsCommand,
  InvalidParameterException,
  NotFoundException,
  PricingClient,
} from '@aws-sdk/client-pricing';
import {
  SANDBOX_AWS_CREDENTIALS,
  startTestSandbox,
} from '../__testUtils__/clients';
import type { SandboxCluster } from '../startSandboxCluster';

// Starting a sandbox (TLS key, CRD schemas) and loading the clients can take longer than
// Jest's 5 s default on a loaded CI machine.
jest.setTimeout(30_000);

describe('Price List GetProducts through the real Pricing SDK client', () => {
  let sandbox: SandboxCluster;
  let client: PricingClient;

  beforeAll(async () => {
    sandbox = await startTestSandbox();
    client = new PricingClient({
      endpoint: sandbox.pricingUrl,
      region: 'us-east-1',
      credentials: SANDBOX_AWS_CREDENTIALS,
      maxAttempts: 1,
    });
  });

  afterAll(async () => {
    client.destroy();
    await sandbox.stop();
  });

  const hostingPrice = async (instanceType: string) => {
    const out = await client.send(
      new GetProductsCommand({
        ServiceCode: 'AmazonSageMaker',
        Filters: [
          {
            Type: 'TERM_MATCH',
            Field: 'usagetype',
            Value: `USE1-Host:${instanceType}`,
          },
          { Type: 'TERM_MATCH', Field: 'regionCode', Value: 'us-east-1' },
        ],
      }),
    );
    return out.PriceList!.map((item: unknown) => JSON.parse(String(item)));
  };

  it('answers the on-demand hourly price of a hosting instance type by usage type', async () => {
    const [product, ...more] = await hostingPrice('ml.m5.large');
    expect(more).toEqual([]);
    expect(product.product.attributes).toMatchObject({
      servicecode: 'AmazonSageMaker',
      usagetype: 'USE1-Host:ml.m5.large',
      instanceType: 'ml.m5.large',
      regionCode: 'us-east-1',
    });
    const [term] = Object.values<any>(product.terms.OnDemand);
    const [dimension] = Object.values<any>(term.priceDimensions);
    expect(dimension).toMatchObject({
      unit: 'Hrs',
      pricePerUnit: { USD: '0.115' },
    });
    const [g5] = await hostingPrice('ml.g5.xlarge');
    expect(
      Object.values<any>(
        Object.values<any>(g5.terms.OnDemand)[0].priceDimensions,
      )[0].pricePerUnit.USD,
    ).toBe('1.408');
  });

  it('has no product for a type whose price is not known, nor for another region', async () => {
    expect(await hostingPrice('ml.r5.large')).toEqual([]);
    const out = await client.send(
      new GetProductsCommand({
        ServiceCode: 'AmazonSageMaker',
        Filters: [
          {
            Type: 'TERM_MATCH',
            Field: 'usagetype',
            Value: 'EUW1-Host:ml.m5.large',
          },
        ],
      }),
    );
    expect(out.PriceList).toEqual([]);
  });

  it('pages with MaxResults and NextToken', async () => {
    const first = await client.send(
      new GetProductsCommand({
        ServiceCode: 'AmazonSageMaker',
        Filters: [{ Type: 'TERM_MATCH', Field: 'component', Value: 'Hosting' }],
        MaxResults: 5,
      }),
    );
    expect(first.PriceList).toHaveLength(5);
    const second = await client.send(
      new GetProductsCommand({
        ServiceCode: 'AmazonSageMaker',
        Filters: [{ Type: 'TERM_MATCH', Field: 'component', Value: 'Hosting' }],
        MaxResults: 5,
        NextToken: first.NextToken,
      }),
    );
    expect(second.PriceList).toHaveLength(2);
    expect(second.NextToken).toBeUndefined();
  });

  it('answers a body that is not a JSON object with a SerializationException', async () => {
    const res = await fetch(sandbox.pricingUrl, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-amz-json-1.1',
        'x-amz-target': 'AWSPriceListService.GetProducts',
      },
      body: '["AmazonSageMaker"]',
    });
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({
      __type: 'SerializationException',
      message: 'The request body must be a JSON object',
    });
  });

  it('names the field of a bad filter, and refuses a service it has no prices for', async () => {
    await expect(
      client.send(
        new GetProductsCommand({
          ServiceCode: 'AmazonSageMaker',
          Filters: [{ Type: 'LIKE' as any, Field: 'usagetype', Value: 'x' }],
        }),
      ),
    ).rejects.toThrow(InvalidParameterException);
    await expect(
      client.send(
        new GetProductsCommand({
          ServiceCode: 'AmazonSageMaker',
          Filters: [{ Type: 'LIKE' as any, Field: 'usagetype', Value: 'x' }],
        }),
      ),
    ).rejects.toThrow(/Filters\.1\.Type must be one of TERM_MATCH/);
    await expect(
      client.send(new GetProductsCommand({ ServiceCode: 'AmazonEC2' })),
    ).rejects.toThrow(NotFoundException);
  });
});
