/*
 * A read-only npm registry on loopback that serves the packed tarballs of this repository, so
 * the adoption test installs them into a stock app with the literal `yarn add <name>` commands
 * of the READMEs, as an adopter installs them from npm. The stock app points only the
 * `@mlplatform` scope here (`npmScopes`); everything else still comes from the npm registry.
 */
import { createServer } from 'node:http';
import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';

/** Reads package.json out of a tarball made by `yarn pack` (entries under `package/`). */
function readPackedManifest(tarball) {
  return JSON.parse(
    execFileSync('tar', ['-xzOf', tarball, 'package/package.json'], {
      encoding: 'utf8',
    }),
  );
}

/**
 * Starts the registry for the given tarballs on a random loopback port.
 * @param {string[]} tarballs absolute paths of packed packages
 * @returns {Promise<{ url: string, packages: string[], close: () => Promise<void> }>}
 */
export async function startLocalRegistry(tarballs) {
  const packuments = new Map();
  const files = new Map();
  for (const tarball of tarballs) {
    const manifest = readPackedManifest(tarball);
    const data = readFileSync(tarball);
    const file = basename(tarball);
    files.set(file, data);
    packuments.set(manifest.name, { manifest, file, data });
  }

  const server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    if (path.startsWith('/-/tarballs/')) {
      const data = files.get(path.slice('/-/tarballs/'.length));
      if (!data) return notFound(res);
      res.writeHead(200, { 'content-type': 'application/octet-stream' });
      return res.end(data);
    }
    const entry = packuments.get(path.slice(1));
    if (!entry) return notFound(res);
    const { manifest, file, data } = entry;
    const origin = `http://${req.headers.host}`;
    const version = {
      ...manifest,
      dist: {
        tarball: `${origin}/-/tarballs/${file}`,
        shasum: createHash('sha1').update(data).digest('hex'),
        integrity: `sha512-${createHash('sha512')
          .update(data)
          .digest('base64')}`,
      },
    };
    res.writeHead(200, { 'content-type': 'application/json' });
    return res.end(
      JSON.stringify({
        name: manifest.name,
        'dist-tags': { latest: manifest.version },
        versions: { [manifest.version]: version },
      }),
    );
  });
  await new Promise(resolve => server.listen(0, '127.0.0.1', resolve));
  return {
    // yarn allows plain http only for hosts in unsafeHttpWhitelist, which has localhost
    url: `http://localhost:${server.address().port}`,
    packages: [...packuments.keys()],
    close: () => new Promise(resolve => server.close(() => resolve())),
  };
}

function notFound(res) {
  res.writeHead(404, { 'content-type': 'application/json' });
  res.end(JSON.stringify({ error: 'not found' }));
}
