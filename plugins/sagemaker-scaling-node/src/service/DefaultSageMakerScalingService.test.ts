import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { DefaultSageMakerScalingService } from './DefaultSageMakerScalingService';

interface Seen {
  method?: string;
  url?: string;
  authorization?: string;
  body: string;
}

describe('DefaultSageMakerScalingService', () => {
  let server: Server;
  let seen: Seen[];
  let status: number;
  let responseBody: unknown;
  let baseUrl: string;

  beforeEach(async () => {
    seen = [];
    status = 200;
    responseBody = { ok: true };
    server = createServer((req: IncomingMessage, res) => {
      let body = '';
      req.on('data', d => (body += d));
      req.on('end', () => {
        seen.push({
          method: req.method,
          url: req.url,
          authorization: req.headers.authorization,
          body,
        });
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(JSON.stringify(responseBody));
      });
    });
    await new Promise<void>(r => server.listen(0, '127.0.0.1', r));
    baseUrl = `http://127.0.0.1:${
      (server.address() as AddressInfo).port
    }/api/sagemaker-scaling`;
  });
  afterEach(async () => {
    await new Promise(r => server.close(r));
  });

  function client() {
    return DefaultSageMakerScalingService.create({
      auth: mockServices.auth(),
      discovery: {
        getBaseUrl: async pluginId => {
          expect(pluginId).toBe('sagemaker-scaling');
          return baseUrl;
        },
        getExternalBaseUrl: async () => baseUrl,
      },
    });
  }

  it('posts a plan request and returns the plan', async () => {
    const credentials = mockCredentials.user('user:default/alice');
    const body = {
      settings: {
        minCapacity: 1,
        maxCapacity: 4,
        targetValue: 70,
        scaleInCooldown: 300,
        scaleOutCooldown: 60,
        disableScaleIn: false,
      },
      hours: 24,
    };
    responseBody = { variantName: 'AllTraffic' };
    const plan = await client().planScaling(
      'component:default/churn-prediction',
      body,
      { credentials },
    );
    expect(plan).toEqual({ variantName: 'AllTraffic' });
    expect(seen.map(s => [s.method, s.url])).toEqual([
      [
        'POST',
        '/api/sagemaker-scaling/v1/entities/component/default/churn-prediction/plan',
      ],
    ]);
    expect(JSON.parse(seen[0].body)).toEqual(body);
  });

  it('calls the plugin on behalf of the caller with a plugin request token', async () => {
    const credentials = mockCredentials.user('user:default/alice');
    await client().getScaling('component:default/churn-prediction', {
      credentials,
    });
    await client().getActivities(
      { kind: 'Component', namespace: 'default', name: 'churn-prediction' },
      { cursor: 'abc', limit: 5 },
      { credentials },
    );
    await client().listClusters({ credentials });
    const update = {
      minCapacity: 1,
      maxCapacity: 4,
      targetValue: 70,
      scaleInCooldown: 300,
      scaleOutCooldown: 60,
      disableScaleIn: false,
      expectedVersion: 'v1',
    };
    await client().updateScaling('component:default/churn-prediction', update, {
      credentials,
    });
    await client().adoptEndpoint('component:default/churn-prediction', {
      credentials,
    });
    expect(seen.map(s => [s.method, s.url])).toEqual([
      [
        'GET',
        '/api/sagemaker-scaling/v1/entities/component/default/churn-prediction/scaling',
      ],
      [
        'GET',
        '/api/sagemaker-scaling/v1/entities/component/default/churn-prediction/activities?cursor=abc&limit=5',
      ],
      ['GET', '/api/sagemaker-scaling/v1/clusters'],
      [
        'PUT',
        '/api/sagemaker-scaling/v1/entities/component/default/churn-prediction/scaling',
      ],
      [
        'POST',
        '/api/sagemaker-scaling/v1/entities/component/default/churn-prediction/adopt',
      ],
    ]);
    expect(JSON.parse(seen[3].body)).toEqual(update);
    expect(seen[0].authorization).toBe(
      mockCredentials.service.header({
        onBehalfOf: credentials,
        targetPluginId: 'sagemaker-scaling',
      }),
    );
  });

  it('turns error responses into ResponseErrors that keep the status', async () => {
    status = 404;
    responseBody = {
      error: {
        name: 'NotFoundError',
        message: 'No entity component:default/x',
      },
      response: { statusCode: 404 },
    };
    await expect(
      client().getScaling('component:default/x', {
        credentials: mockCredentials.user(),
      }),
    ).rejects.toMatchObject({
      name: 'ResponseError',
      statusCode: 404,
      body: { error: { name: 'NotFoundError' } },
    });
  });
});
