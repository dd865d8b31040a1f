/**
 * The one way tests read reference data from `../shared` beside the repository (the
 * upstream ACK CRDs, the tutorial's manifests). A clone alone has no such folder: tests
 * that need it are skipped with a message naming the missing path, unless
 * `SAGEMAKER_REQUIRE_SHARED=1` (set in CI), where a missing path fails them.
 */
/* eslint-disable jest/no-export, jest/valid-title, jest/valid-describe-callback, jest/expect-expect, jest/no-disabled-tests --
   a describe wrapper for other packages' tests: names and bodies come from the callers, and
   the skip is the point */
import fs from 'node:fs';
import path from 'node:path';

/** The environment variable that turns a missing `../shared` path into a failure. @public */
export const REQUIRE_SHARED_ENV = 'SAGEMAKER_REQUIRE_SHARED';

function repoRoot(): string {
  let dir = __dirname;
  while (!fs.existsSync(path.join(dir, 'yarn.lock'))) {
    const parent = path.dirname(dir);
    if (parent === dir)
      throw new Error(`No repository root above ${__dirname}`);
    dir = parent;
  }
  return dir;
}

/**
 * A path in `../shared` beside the repository, e.g. `sharedPath('ack-crds')`.
 * @public
 */
export function sharedPath(...segments: string[]): string {
  return path.resolve(repoRoot(), '..', 'shared', ...segments);
}

/**
 * `describe` for tests that read `../shared`: runs `body` when every path exists; else
 * skips it with a test named after the missing paths, or fails that test when
 * `SAGEMAKER_REQUIRE_SHARED=1`.
 * @public
 */
export function describeWithShared(
  name: string,
  relativePaths: string[],
  body: () => void,
): void {
  const missing = relativePaths
    .map(p => sharedPath(p))
    .filter(p => !fs.existsSync(p));
  if (missing.length === 0) {
    describe(name, body);
    return;
  }
  const message = `needs ${missing.join(
    ', ',
  )}, which does not exist (the reference data beside the repository)`;
  describe(name, () => {
    if (process.env[REQUIRE_SHARED_ENV] === '1') {
      it(message, () => {
        throw new Error(`${message}; ${REQUIRE_SHARED_ENV}=1 requires it`);
      });
    } else {
      // eslint-disable-next-line no-console
      console.warn(`Skipping "${name}": ${message}`);
      it.skip(`skipped: ${message}`, () => {});
    }
  });
}
