/**
 * `crdDir` (the CLI's `--crd-dir`): the sandbox serves the kinds from CRD YAML files, here
 * its own definitions written out as YAML, and names the folder when a kind is missing.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { tutorialManifests } from '@mlplatform/sagemaker-scaling-test-fixtures';
import { stringify } from 'yaml';
import { createAll, getObject } from '../../__testUtils__/clients';
import { startSandboxCluster } from '../../startSandboxCluster';
import { ackCustomResourceDefinitions } from '.';

jest.setTimeout(30_000);

describe('crdDir', () => {
  let dir: string;

  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sandbox-crds-'));
  });

  afterEach(() => {
    fs.rmSync(dir, { recursive: true, force: true });
  });

  /** One file per CRD, as the ACK Helm charts ship them. */
  const writeCrds = (skipKind?: string) => {
    for (const crd of ackCustomResourceDefinitions()) {
      if (crd.spec.names.kind === skipKind) continue;
      fs.writeFileSync(
        path.join(dir, `${crd.spec.group}_${crd.spec.names.plural}.yaml`),
        `---\n${stringify(crd)}`,
      );
    }
    // Other files and CRDs of other groups in the folder are ignored.
    fs.writeFileSync(path.join(dir, 'README.md'), '# not a CRD');
    fs.writeFileSync(
      path.join(dir, 'services.k8s.aws_fieldexports.yaml'),
      stringify({
        apiVersion: 'apiextensions.k8s.io/v1',
        kind: 'CustomResourceDefinition',
        metadata: { name: 'fieldexports.services.k8s.aws' },
        spec: {
          group: 'services.k8s.aws',
          names: { kind: 'FieldExport', plural: 'fieldexports' },
          scope: 'Namespaced',
          versions: [{ name: 'v1alpha1', served: true, storage: true }],
        },
      }),
    );
  };

  it('serves the kinds from the CRD files of a folder', async () => {
    writeCrds();
    const sandbox = await startSandboxCluster({
      crdDir: dir,
      clock: 'manual',
      tls: false,
    });
    try {
      expect(
        sandbox.api.resources
          .filter(r => r.group)
          .map(r => r.kind)
          .sort(),
      ).toEqual([
        'Endpoint',
        'EndpointConfig',
        'Model',
        'ScalableTarget',
        'ScalingPolicy',
      ]);
      createAll(sandbox, tutorialManifests());
      sandbox.advance(121_000);
      const [, , endpoint] = tutorialManifests();
      expect(
        getObject(sandbox, 'Endpoint', endpoint.metadata.name).status
          .endpointStatus,
      ).toBe('InService');
    } finally {
      await sandbox.stop();
    }
  });

  it('names the folder and the missing kind', async () => {
    writeCrds('ScalingPolicy');
    await expect(startSandboxCluster({ crdDir: dir })).rejects.toThrow(
      `CRD folder ${dir} lacks the CustomResourceDefinition of ScalingPolicy`,
    );
    await expect(
      startSandboxCluster({ crdDir: path.join(dir, 'nope') }),
    ).rejects.toThrow(`CRD folder ${path.join(dir, 'nope')} does not exist`);
  });
});
