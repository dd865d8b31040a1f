/**
 * Command line of the sandbox cluster (bin/sandbox-cluster.js).
 */
import path from 'node:path';
import type { SandboxClusterOptions } from './sandboxClusterOptions';
import { startSandboxCluster } from './startSandboxCluster';

const USAGE = `sandbox-cluster: a local SANDBOX standing in for EKS + ACK + Application Auto Scaling

Usage: sandbox-cluster [options]
  --demo                    seed the demo service (churn-prediction in ml-serving)
  --state-dir <dir>         write kubeconfig and endpoints.json there (default .sandbox)
  --host <host>             listen address (default 127.0.0.1)
  --kube-port <port>        Kubernetes API port (default 6443)
  --aas-port <port>         Application Auto Scaling API port (default 6480)
  --admin-port <port>       admin API port (default 6490)
  --speed-up <n>            divide simulated durations (metric period, cooldowns, provisioning,
                            traffic patterns) by n: 1, 2, 3, 4, 5, 6, 10, 12, 15, 20, 30 or 60
                            (default 10 with --demo, else 1); timestamps are always wall-clock
  --endpoint-create-seconds <n>  seconds an endpoint stays Creating (default 120, divided by --speed-up)
  --token <token>           bearer token (default: random; see the kubeconfig)
  --state-file <file>       keep objects and simulated AWS state across restarts (default: memory only)
  --crd-dir <dir>           serve the ACK kinds from the upstream CRD YAML files in <dir> (e.g. the
                            ACK Helm charts' crds/) instead of the sandbox's own definitions
  --help
`;

function parseArgs(argv: string[]): SandboxClusterOptions & { help?: boolean } {
  const options: SandboxClusterOptions & { help?: boolean } = {};
  const number = (flag: string, v: string | undefined) => {
    const n = Number(v);
    if (v === undefined || !Number.isFinite(n) || n < 0) {
      throw new Error(`${flag} needs a number >= 0, got ${v}`);
    }
    return n;
  };
  const required = (flag: string, v: string | undefined) => {
    if (v === undefined || v.startsWith('--')) {
      throw new Error(`${flag} needs a value`);
    }
    return v;
  };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    const next = () => argv[++i];
    switch (flag) {
      case '--demo':
        options.demo = true;
        break;
      case '--state-dir':
        options.stateDir = next();
        break;
      case '--host':
        options.host = next();
        break;
      case '--kube-port':
        options.kubePort = number(flag, next());
        break;
      case '--aas-port':
        options.aasPort = number(flag, next());
        break;
      case '--admin-port':
        options.adminPort = number(flag, next());
        break;
      case '--speed-up':
        options.speedUp = number(flag, next());
        break;
      case '--endpoint-create-seconds':
        options.endpointCreateSeconds = number(flag, next());
        break;
      case '--token':
        options.token = next();
        break;
      case '--state-file':
        options.stateFile = next();
        break;
      case '--crd-dir':
        options.crdDir = path.resolve(required(flag, next()));
        break;
      case '--help':
      case '-h':
        options.help = true;
        break;
      default:
        throw new Error(`unknown option ${flag}\n\n${USAGE}`);
    }
  }
  return options;
}

/** Entry point of the bin script. @internal */
export async function main(argv: string[]): Promise<void> {
  let options;
  try {
    options = parseArgs(argv);
  } catch (e) {
    process.stderr.write(`${(e as Error).message}\n`);
    process.exit(2);
  }
  if (options.help) {
    process.stdout.write(USAGE);
    return;
  }
  const stateDir = path.resolve(options.stateDir ?? '.sandbox');
  const log = (line: string) =>
    process.stdout.write(
      `[sandbox-cluster] ${new Date().toISOString()} ${line}\n`,
    );
  let sandbox;
  try {
    sandbox = await startSandboxCluster({
      ...options,
      kubePort: options.kubePort ?? 6443,
      aasPort: options.aasPort ?? 6480,
      adminPort: options.adminPort ?? 6490,
      // A quick demo: a surge scales out within a minute, with every time shown real.
      speedUp: options.speedUp ?? (options.demo ? 10 : 1),
      stateDir,
      log,
    });
  } catch (e) {
    const err = e as NodeJS.ErrnoException & { port?: number };
    if (err.code === 'EADDRINUSE') {
      process.stderr.write(
        `sandbox-cluster: port ${
          err.port ?? ''
        } is already in use (is another sandbox running?); choose other ports with --kube-port/--aas-port/--admin-port\n`,
      );
    } else {
      process.stderr.write(
        `sandbox-cluster: could not start: ${err.message}\n`,
      );
    }
    process.exit(1);
  }
  const relative = path.relative(process.cwd(), sandbox.kubeconfigPath!);
  const kubeconfig = relative.startsWith('..')
    ? sandbox.kubeconfigPath!
    : `$PWD/${relative}`;
  log(
    'THIS IS A SANDBOX: a local stand-in for EKS + ACK + Application Auto Scaling; nothing here talks to AWS.',
  );
  log(
    `Kubernetes API:               ${sandbox.kubeApiUrl}  (version v1.31.0-sandbox)`,
  );
  log(
    `Application Auto Scaling API: ${sandbox.aasUrl}  (aws --endpoint-url ${sandbox.aasUrl} application-autoscaling ...)`,
  );
  log(`Admin API (faults, traffic):  ${sandbox.adminUrl}`);
  log(
    `Timestamps are wall-clock; simulated durations run ${
      sandbox.speedUp
    }x faster (metric period ${60 / sandbox.speedUp} s).`,
  );
  log(`export KUBECONFIG=${kubeconfig}`);
  const shutdown = async (signal: string) => {
    log(`${signal}: stopping`);
    await sandbox.stop();
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  // The simulation timer does not keep the process alive; the listeners do.
}
