import { startTestSandbox } from './__testUtils__/clients';

// Starting a sandbox (TLS key, CRD schemas) and loading the clients can take longer than
// Jest's 5 s default on a loaded CI machine.
jest.setTimeout(30_000);

describe('HTTP listeners', () => {
  it('serves the Kubernetes API over plain HTTP with tls: false', async () => {
    const sandbox = await startTestSandbox({ tls: false });
    try {
      expect(sandbox.kubeApiUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      expect(sandbox.caCertificate).toBeUndefined();
      const res = await fetch(`${sandbox.kubeApiUrl}/apis`, {
        headers: { authorization: `Bearer ${sandbox.token}` },
      });
      expect(res.status).toBe(200);
      const denied = await fetch(`${sandbox.kubeApiUrl}/apis`);
      expect(denied.status).toBe(401);
    } finally {
      await sandbox.stop();
    }
  });

  it('frees its ports on stop', async () => {
    const sandbox = await startTestSandbox({ adminPort: 0 });
    const urls = [
      sandbox.kubeApiUrl.replace('https:', 'http:'),
      sandbox.aasUrl,
      sandbox.adminUrl!,
    ];
    await sandbox.stop();
    for (const url of urls) {
      await expect(fetch(`${url}/version`)).rejects.toThrow();
    }
  });
});
