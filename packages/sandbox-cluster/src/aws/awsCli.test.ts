/**
 * The AWS CLI with --endpoint-url against the sandbox's Application Auto Scaling API.
 */
import { execFile, execFileSync } from 'node:child_process';
import { promisify } from 'node:util';
import {
  createAll,
  scaledEndpoint,
  startTestSandbox,
} from '../__testUtils__/clients';
import type { SandboxCluster } from '../startSandboxCluster';

const run = promisify(execFile);

function findAws(): string | undefined {
  try {
    return (
      execFileSync('sh', ['-c', 'command -v aws'], {
        encoding: 'utf8',
      }).trim() || undefined
    );
  } catch {
    return undefined;
  }
}

const AWS = findAws();
// The AWS CLI is optional on developer machines; without it this check cannot run.
const describeWithAws = AWS ? describe : describe.skip;

describeWithAws('AWS CLI against the sandbox', () => {
  jest.setTimeout(60_000);
  let sandbox: SandboxCluster;

  beforeAll(async () => {
    sandbox = await startTestSandbox();
    createAll(sandbox, scaledEndpoint('cli'));
    sandbox.advance(61_000);
  });

  afterAll(async () => {
    await sandbox.stop();
  });

  const aws = async (...args: string[]) => {
    const { stdout } = await run(
      AWS!,
      [
        '--endpoint-url',
        sandbox.aasUrl,
        '--output',
        'json',
        'application-autoscaling',
        ...args,
      ],
      {
        env: {
          ...process.env,
          AWS_ACCESS_KEY_ID: 'sandbox',
          AWS_SECRET_ACCESS_KEY: 'sandbox',
          AWS_DEFAULT_REGION: 'us-east-1',
          AWS_CONFIG_FILE: '/dev/null',
          AWS_SHARED_CREDENTIALS_FILE: '/dev/null',
        },
      },
    );
    return JSON.parse(stdout);
  };

  it('describes the scalable target and policy the ACK resources registered', async () => {
    const targets = await aws(
      'describe-scalable-targets',
      '--service-namespace',
      'sagemaker',
    );
    expect(targets.ScalableTargets).toEqual([
      expect.objectContaining({
        ResourceId: 'endpoint/cli/variant/AllTraffic',
        MinCapacity: 1,
        MaxCapacity: 3,
      }),
    ]);
    const policies = await aws(
      'describe-scaling-policies',
      '--service-namespace',
      'sagemaker',
    );
    expect(policies.ScalingPolicies[0]).toMatchObject({
      PolicyName: 'cli-scaling-policy',
      PolicyType: 'TargetTrackingScaling',
    });
    expect(policies.ScalingPolicies[0].Alarms).toHaveLength(2);
  });

  it('registers a target and reports AWS errors', async () => {
    await aws(
      'register-scalable-target',
      '--service-namespace',
      'sagemaker',
      '--resource-id',
      'endpoint/other/variant/AllTraffic',
      '--scalable-dimension',
      'sagemaker:variant:DesiredInstanceCount',
      '--min-capacity',
      '1',
      '--max-capacity',
      '2',
    );
    const failed = aws(
      'deregister-scalable-target',
      '--service-namespace',
      'sagemaker',
      '--resource-id',
      'endpoint/missing/variant/AllTraffic',
      '--scalable-dimension',
      'sagemaker:variant:DesiredInstanceCount',
    );
    await expect(failed).rejects.toThrow(/ObjectNotFoundException/);
  });
});
