/**
 * Benchmark (not a test): what a cached snapshot and a fleet page cost as the fleet grows.
 * One run measures each fleet size of BENCH_SIZES (default 1,000 and 10,000 endpoints,
 * five ACK objects each, 20 ms added Kubernetes API latency) in a process of its own, so
 * the RSS each cache adds is measured alone, and prints them side by side:
 *   - the cached snapshot under load (p50/p99, throughput, API-server and AWS requests per
 *     snapshot), the RSS the cache adds and the initial sync time, at every size;
 *   - the naive path (GET every resource per request) at the sizes up to
 *     BENCH_NAIVE_MAX (1,000; at 10,000 it cannot keep up);
 *   - a fleet page (50 rows, filtered and sorted over every row, catalog query included)
 *     at the largest size, with the API-server requests per page.
 *
 * Run: ./scripts/dev.sh yarn workspace @mlplatform/plugin-sagemaker-scaling-backend bench
 */
import { execFile, spawn } from 'node:child_process';
import { resolve as resolvePath } from 'node:path';
import { measureFleetSize, type SizeResult } from './measureFleetSize';

const SIZES = (process.env.BENCH_SIZES ?? '1000,10000')
  .split(',')
  .map(Number)
  .filter(n => n > 0);
const NAIVE_MAX = Number(process.env.BENCH_NAIVE_MAX ?? 1000);

/** Runs one size in a fresh process (this file with `--size`), returning its result. */
function measureInChild(size: number, fleet: boolean): Promise<SizeResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [
        '--expose-gc',
        '--require',
        require.resolve('@backstage/cli-node/config/nodeTransform.cjs'),
        __filename,
        '--size',
        String(size),
        ...(size <= NAIVE_MAX ? ['--naive'] : []),
        ...(fleet ? ['--fleet'] : []),
      ],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    let out = '';
    child.stdout!.on('data', chunk => {
      const text = String(chunk);
      out += text;
      // Progress lines go through; the result line is kept for the table.
      process.stdout.write(
        text
          .split('\n')
          .filter(l => l && !l.startsWith('RESULT '))
          .map(l => `  [${size}] ${l}\n`)
          .join(''),
      );
    });
    child.once('exit', code => {
      const line = out.split('\n').find(l => l.startsWith('RESULT '));
      if (code !== 0 || !line) {
        reject(new Error(`the ${size}-endpoint run exited with ${code}`));
      } else {
        resolve(JSON.parse(line.slice('RESULT '.length)));
      }
    });
  });
}

const ms = (v: number | undefined) =>
  v === undefined ? '-' : `${Math.round(v).toLocaleString('en-US')} ms`;
const perS = (v: number | undefined) =>
  v === undefined ? '-' : `${Math.round(v).toLocaleString('en-US')}/s`;
const mb = (v: number | undefined) =>
  v === undefined ? '-' : `+${v.toFixed(0)} MB`;
const num = (v: number | undefined, digits = 3) =>
  v === undefined || Number.isNaN(v) ? '-' : v.toFixed(digits);

function table(rows: string[][]) {
  const widths = rows[0].map((_, i) => Math.max(...rows.map(r => r[i].length)));
  return rows
    .map(r => r.map((c, i) => c.padEnd(widths[i])).join('  '))
    .join('\n');
}

function loadavg() {
  return new Promise<string>(resolve =>
    execFile('cat', ['/proc/loadavg'], (_e, stdout) =>
      resolve(
        String(stdout ?? '')
          .split(' ')
          .slice(0, 3)
          .join(' '),
      ),
    ),
  );
}

async function main() {
  const results: SizeResult[] = [];
  const largest = Math.max(...SIZES);
  for (const size of SIZES) {
    console.log(`Measuring ${size.toLocaleString('en-US')} endpoints...`);
    results.push(await measureInChild(size, size === largest));
  }
  const header = [
    'endpoints',
    ...results.map(r => r.endpoints.toLocaleString('en-US')),
  ];
  console.log('');
  console.log(
    `Cached snapshot (+${results[0].latencyMs} ms Kubernetes API latency, ${
      results[0].connections
    } connections, ${
      results[0].durationS
    } s, random endpoint per request; load average ${await loadavg()})`,
  );
  console.log(
    table([
      header,
      [
        'p50 / p99',
        ...results.map(r => `${ms(r.cached.p50)} / ${ms(r.cached.p99)}`),
      ],
      ['throughput', ...results.map(r => perS(r.cached.rps))],
      [
        'API-server requests/snapshot',
        ...results.map(r => num(r.cached.apiCallsPerSnapshot)),
      ],
      [
        'AWS requests/snapshot',
        ...results.map(r => num(r.cached.awsCallsPerSnapshot, 2)),
      ],
      ['RSS held by the cache', ...results.map(r => mb(r.cacheRssMb))],
      ['RSS right after the sync', ...results.map(r => mb(r.syncRssMb))],
      ['heap held by the cache', ...results.map(r => mb(r.cacheHeapMb))],
      ['initial sync', ...results.map(r => ms(r.syncMs))],
    ]),
  );
  const [small, large] = [results[0], results[results.length - 1]];
  if (small !== large) {
    console.log(
      `Ratios ${large.endpoints} / ${small.endpoints} endpoints: p50 ${num(
        large.cached.p50 / Math.max(small.cached.p50, 0.5),
        2,
      )}x, throughput ${num(
        large.cached.rps / small.cached.rps,
        2,
      )}x, cache RSS ${num(
        large.cacheRssMb / Math.max(small.cacheRssMb, 1),
        1,
      )}x for ${large.endpoints / small.endpoints}x the objects.`,
    );
    console.log(
      `Goals at ${large.endpoints}: p50 <= 20 ms (${ms(
        large.cached.p50,
      )}), >= 1,500 snapshots/s (${perS(
        large.cached.rps,
      )}), cache <= +200 MB (${mb(
        large.cacheRssMb,
      )}), initial sync <= 10 s (${ms(large.syncMs)}).`,
    );
  }
  for (const r of results.filter(x => x.naive)) {
    console.log('');
    console.log(
      `Naive path at ${r.endpoints.toLocaleString(
        'en-US',
      )} endpoints (GET every resource per request)`,
    );
    console.log(
      table([
        ['', 'cached', 'naive', 'naive / cached'],
        [
          'p50 / p99',
          `${ms(r.cached.p50)} / ${ms(r.cached.p99)}`,
          `${ms(r.naive!.p50)} / ${ms(r.naive!.p99)}`,
          `${num(r.naive!.p50 / Math.max(r.cached.p50, 0.5), 0)}x / ${num(
            r.naive!.p99 / Math.max(r.cached.p99, 0.5),
            0,
          )}x`,
        ],
        [
          'throughput',
          perS(r.cached.rps),
          perS(r.naive!.rps),
          `${num(r.cached.rps / Math.max(r.naive!.rps, 1), 0)}x fewer`,
        ],
        [
          'API-server requests/snapshot',
          num(r.cached.apiCallsPerSnapshot),
          num(r.naive!.apiCallsPerSnapshot, 1),
          '',
        ],
      ]),
    );
  }
  for (const r of results.filter(x => x.fleet)) {
    const f = r.fleet!;
    console.log('');
    console.log(
      `Fleet page at ${r.endpoints.toLocaleString('en-US')} endpoints: ${
        f.query
      }, ${f.pages} pages one after the other, catalog stub ${
        f.catalogLatencyMs
      } ms + parsing ${r.endpoints.toLocaleString('en-US')} entities`,
    );
    console.log(
      table([
        ['p50 / p99 (catalog query included)', `${ms(f.p50)} / ${ms(f.p99)}`],
        ['of which the catalog query (p50)', ms(f.catalogP50)],
        ['rows matched / returned', `${f.totalCount} / ${f.rows}`],
        ['API-server requests per page', num(f.apiCallsPerPage)],
      ]),
    );
    console.log(
      `Goal: p50 <= 250 ms (${ms(
        f.p50,
      )}), 0 API-server requests per page (${num(f.apiCallsPerPage)}).`,
    );
  }
}

const sizeArg = process.argv.indexOf('--size');
if (sizeArg > 0) {
  measureFleetSize({
    endpoints: Number(process.argv[sizeArg + 1]),
    naive: process.argv.includes('--naive'),
    fleet: process.argv.includes('--fleet'),
    sandboxScript: resolvePath(__dirname, 'sandboxProcess.ts'),
    loadgenScript: resolvePath(__dirname, 'loadgen.js'),
  }).then(
    result => {
      process.stdout.write(`RESULT ${JSON.stringify(result)}\n`);
      process.exit(0);
    },
    e => {
      console.error(e);
      process.exit(1);
    },
  );
} else {
  main().then(
    () => process.exit(0),
    e => {
      console.error(e);
      process.exit(1);
    },
  );
}
