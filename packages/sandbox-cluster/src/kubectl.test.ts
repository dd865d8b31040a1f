/**
 * The tutorial's kubectl steps, run with stock kubectl against the sandbox and the
 * kubeconfig it writes.
 */
import { execFile, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import {
  TUTORIAL_VARIABLES,
  tutorialManifests,
} from '@mlplatform/sagemaker-scaling-test-fixtures';
import { stringify } from 'yaml';
import { SandboxCluster, startSandboxCluster } from './startSandboxCluster';

const KUBECTL = '/usr/bin/kubectl';
const { MODEL_NAME, ENDPOINT_CONFIG_NAME, ENDPOINT_NAME } = TUTORIAL_VARIABLES;
const run = promisify(execFile);

// kubectl is on the project's machines and CI; elsewhere these checks cannot run.
const describeWithKubectl = fs.existsSync(KUBECTL) ? describe : describe.skip;

describeWithKubectl('kubectl against the sandbox (the tutorial steps)', () => {
  jest.setTimeout(60_000);
  let sandbox: SandboxCluster;
  let dir: string;
  let tutorialFile: string;

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sandbox-kubectl-'));
    // The tutorial's five resources in one file, as a user applies them.
    tutorialFile = path.join(dir, 'tutorial.yaml');
    fs.writeFileSync(
      tutorialFile,
      tutorialManifests()
        .map(m => stringify(m))
        .join('---\n'),
    );
    sandbox = await startSandboxCluster({
      clock: 'manual',
      endpointCreateSeconds: 60,
      deletionSeconds: 0,
      stateDir: dir,
    });
  });

  afterAll(async () => {
    await sandbox.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const kubectl = async (...args: string[]) => {
    const { stdout } = await run(
      KUBECTL,
      [...args, '--cache-dir', path.join(dir, 'cache')],
      {
        env: { ...process.env, KUBECONFIG: sandbox.kubeconfigPath },
      },
    );
    return stdout;
  };

  it('writes a kubeconfig that kubectl uses', async () => {
    expect(fs.statSync(sandbox.kubeconfigPath!).mode & 0o777).toBe(0o600);
    const endpoints = JSON.parse(
      fs.readFileSync(path.join(dir, 'endpoints.json'), 'utf8'),
    );
    expect(endpoints).toMatchObject({
      sandbox: true,
      kubeApiUrl: sandbox.kubeApiUrl,
      applicationAutoScalingUrl: sandbox.aasUrl,
    });
    expect(await kubectl('version', '-o', 'json')).toContain('v1.31.0-sandbox');
  });

  it('applies the manifests and watches the endpoint go from Creating to InService', async () => {
    const applied = await kubectl('apply', '-f', tutorialFile);
    expect(applied.trim().split('\n')).toEqual([
      `model.sagemaker.services.k8s.aws/${MODEL_NAME} created`,
      `endpointconfig.sagemaker.services.k8s.aws/${ENDPOINT_CONFIG_NAME} created`,
      `endpoint.sagemaker.services.k8s.aws/${ENDPOINT_NAME} created`,
      'scalabletarget.applicationautoscaling.services.k8s.aws/ack-tutorial-endpoint-scalable-target created',
      'scalingpolicy.applicationautoscaling.services.k8s.aws/ack-tutorial-endpoint-scaling-policy created',
    ]);
    expect(await kubectl('apply', '-f', tutorialFile)).toContain(
      `endpoint.sagemaker.services.k8s.aws/${ENDPOINT_NAME} unchanged`,
    );

    const watch = spawn(
      KUBECTL,
      [
        'get',
        'endpoints.sagemaker',
        '--watch',
        '--cache-dir',
        path.join(dir, 'cache'),
      ],
      {
        env: { ...process.env, KUBECONFIG: sandbox.kubeconfigPath },
      },
    );
    let output = '';
    watch.stdout.on('data', d => {
      output += String(d);
    });
    const waitFor = async (text: string) => {
      for (let i = 0; i < 600 && !output.includes(text); i++) {
        await new Promise(r => setTimeout(r, 50));
      }
    };
    try {
      await waitFor('Creating');
      expect(output).toMatch(
        new RegExp(`NAME\\s+STATUS\\n${ENDPOINT_NAME}\\s+Creating`),
      );
      sandbox.advance(61_000);
      await waitFor('InService');
      expect(output).toMatch(new RegExp(`${ENDPOINT_NAME}\\s+InService`));
    } finally {
      watch.kill();
    }
  });

  it('server-side applies the same manifests', async () => {
    const applied = await kubectl('apply', '--server-side', '-f', tutorialFile);
    expect(applied).toContain(
      'scalingpolicy.applicationautoscaling.services.k8s.aws/ack-tutorial-endpoint-scaling-policy serverside-applied',
    );
  });

  it('describes the scalable target with its ARN and conditions', async () => {
    const described = await kubectl(
      'describe',
      'scalabletarget.applicationautoscaling',
    );
    expect(described).toContain(
      'Name:         ack-tutorial-endpoint-scalable-target',
    );
    expect(described).toMatch(
      new RegExp(
        `Resource ID:\\s+endpoint/${ENDPOINT_NAME}/variant/AllTraffic`,
      ),
    );
    expect(described).toMatch(
      /Arn:\s+arn:aws:application-autoscaling:us-east-1:111122223333:scalable-target\//,
    );
    expect(described).toMatch(/Type:\s+ACK.ResourceSynced/);
  });

  it('deletes the manifests and waits until they are gone', async () => {
    const deleted = await kubectl('delete', '-f', tutorialFile);
    expect(deleted).toContain(
      `endpoint.sagemaker.services.k8s.aws "${ENDPOINT_NAME}" deleted`,
    );
    expect(
      await kubectl(
        'get',
        'endpoints.sagemaker,models.sagemaker,scalabletargets,scalingpolicies',
        '-A',
        '-o',
        'name',
      ),
    ).toBe('');
  });
});
