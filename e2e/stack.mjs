/*
 * The local stack as `./scripts/dev.sh start` (or `dev`) runs it, for the e2e run and the tests
 * that need a stack of their own (restart, dev server): scripts/start.mjs on shifted ports with
 * its own state directory, so it never clashes with a stack someone is running.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');

/** A state directory for a test stack: outside .sandbox/, which `dev.sh reset` deletes. */
export function e2eStateDir(name) {
  return join(tmpdir(), 'mlplatform-e2e', name);
}
const BASE_PORTS = [6443, 6480, 6490, 7007, 3000];

function portFree(port) {
  return new Promise(resolve => {
    const socket = connect({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(false);
    });
    socket.once('error', () => resolve(true));
  });
}

/** The first port offset from `from` on (in steps of 100) at which all of the stack's ports are free. */
export async function freePortOffset(from) {
  for (let offset = from; offset < from + 5000; offset += 100) {
    const free = await Promise.all(BASE_PORTS.map(p => portFree(p + offset)));
    if (free.every(Boolean)) return offset;
  }
  throw new Error(`no free port offset between ${from} and ${from + 5000}`);
}

/**
 * An app-config file (next to `stateDir`, which a fresh start deletes) whose catalog locations are app-config.yaml's plus the
 * given catalog files (absolute paths): Backstage replaces lists rather than merging them,
 * so the demo's own locations are read from app-config.yaml instead of being copied.
 */
export function extraCatalogConfig(stateDir, catalogFiles) {
  const base = parse(readFileSync(join(ROOT, 'app-config.yaml'), 'utf8'));
  const file = `${stateDir}.app-config.json`;
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(
    file,
    JSON.stringify({
      catalog: {
        locations: [
          ...base.catalog.locations,
          ...catalogFiles.map(target => ({ type: 'file', target })),
        ],
      },
    }),
  );
  return file;
}

/**
 * Starts scripts/start.mjs and resolves once it says it is ready.
 * `fresh` deletes the state directory first; `configs` are more app-config files, loaded last.
 */
export async function startStack({
  stateDir,
  portOffset,
  dev = false,
  fresh = false,
  configs = [],
  timeoutMs = 420_000,
}) {
  if (fresh) rmSync(stateDir, { recursive: true, force: true });
  const args = ['--state-dir', stateDir, '--port-offset', String(portOffset)];
  if (dev) args.push('--dev');
  for (const config of configs) args.push('--config', config);
  const started = Date.now();
  const child = spawn(
    process.execPath,
    [join(ROOT, 'scripts/start.mjs'), ...args],
    {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let log = '';
  const keep = chunk => {
    log = (log + chunk.toString()).slice(-200_000);
  };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  const exited = new Promise(resolve =>
    child.on('exit', code => resolve(code)),
  );

  const backendUrl = `http://localhost:${7007 + portOffset}`;
  const stack = {
    appUrl: dev ? `http://localhost:${3000 + portOffset}` : backendUrl,
    backendUrl,
    adminUrl: `http://127.0.0.1:${6490 + portOffset}`,
    kubeconfig: join(stateDir, 'kubeconfig'),
    log: () => log,
    /** Stops it as Ctrl-C does and waits until every process is gone. */
    async stop() {
      if (child.exitCode === null) child.kill('SIGTERM');
      return exited;
    },
  };
  const deadline = Date.now() + timeoutMs;
  while (!log.includes('is running')) {
    if (child.exitCode !== null) {
      throw new Error(
        `start.mjs exited (${child.exitCode}) before it was ready:\n${log.slice(
          -4000,
        )}`,
      );
    }
    if (Date.now() > deadline) {
      await stack.stop();
      throw new Error(
        `stack not ready within ${timeoutMs / 1000}s:\n${log.slice(-4000)}`,
      );
    }
    await new Promise(r => setTimeout(r, 250));
  }
  stack.startMs = Date.now() - started;
  return stack;
}
