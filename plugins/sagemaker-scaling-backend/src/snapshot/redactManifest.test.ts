import { REDACTED, markCachedCopy, redactManifest } from './redactManifest';

describe('redactManifest', () => {
  const manifest = {
    apiVersion: 'sagemaker.services.k8s.aws/v1alpha1',
    kind: 'Model',
    metadata: {
      name: 'm',
      annotations: {
        'kubectl.kubernetes.io/last-applied-configuration': '{"secret":"s1"}',
        team: 'ml',
      },
      managedFields: [{ manager: 'kubectl', fieldsV1: { 'f:spec': {} } }],
    },
    spec: {
      primaryContainer: { image: 'img:1', environment: { TOKEN: 's2' } },
      containers: [{ environment: { A: 's3', B: 's4' } }],
      // A Kubernetes-style container list, should one ever be returned.
      template: { containers: [{ env: [{ name: 'PW', value: 's5' }] }] },
    },
  };

  it('replaces every secret-bearing value, keeps keys and everything else', () => {
    const out = redactManifest(manifest);
    expect(JSON.stringify(out)).not.toMatch(/s[1-5]/);
    expect(out).toEqual({
      ...manifest,
      metadata: {
        name: 'm',
        annotations: {
          'kubectl.kubernetes.io/last-applied-configuration': REDACTED,
          team: 'ml',
        },
      },
      spec: {
        primaryContainer: { image: 'img:1', environment: { TOKEN: REDACTED } },
        containers: [{ environment: { A: REDACTED, B: REDACTED } }],
        template: { containers: [{ env: [{ name: 'PW', value: REDACTED }] }] },
      },
    });
  });

  it('leaves its input as it was', () => {
    const before = structuredClone(manifest);
    redactManifest(manifest);
    expect(manifest).toEqual(before);
  });

  it('hands back a copy the watch cache holds as it is, and copies anything else', () => {
    const cached = markCachedCopy(redactManifest(manifest));
    expect(redactManifest(cached)).toBe(cached);
    // Under tests a cached copy is frozen: code that changed one would fail here.
    expect(() => {
      (cached.metadata as { name: string }).name = 'changed';
    }).toThrow(TypeError);
    const copy = redactManifest(manifest);
    expect(redactManifest(copy)).not.toBe(copy);
    expect(redactManifest(copy)).toEqual(copy);
  });
});
