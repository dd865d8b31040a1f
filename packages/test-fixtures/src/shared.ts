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
 * What {@link describeWithShared} does with a test block: run it, skip it, or fail it, with
 * the message naming the missing paths.
 * @internal
 */
export type SharedTestVerdict =
  | { action: 'run' }
  | { action: 'skip' | 'fail'; message: string };

/**
 * Decides whether a test block that reads `relativePaths` of `../shared` runs: yes when all
 * exist; else it is skipped, or fails when `SAGEMAKER_REQUIRE_SHARED=1` is in `env`.
 * @internal
 */
export function sharedTestVerdict(
  relativePaths: string[],
  env: Record<string, string | undefined> = process.env,
): SharedTestVerdict {
  const missing = relativePaths
    .map(p => sharedPath(p))
    .filter(p => !fs.existsSync(p));
  if (missing.length === 0) return { action: 'run' };
  const message = `needs ${missing.join(
    ', ',
  )}, which does not exist (the reference data beside the repository)`;
  return env[REQUIRE_SHARED_ENV] === '1'
    ? {
        action: 'fail',
        message: `${message}; ${REQUIRE_SHARED_ENV}=1 requires it`,
      }
    : { action: 'skip', message };
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
  const verdict = sharedTestVerdict(relativePaths);
  if (verdict.action === 'run') {
    describe(name, body);
    return;
  }
  describe(name, () => {
    if (verdict.action === 'fail') {
      it(verdict.message, () => {
        throw new Error(verdict.message);
      });
    } else {
      // eslint-disable-next-line no-console
      console.warn(`Skipping "${name}": ${verdict.message}`);
      it.skip(`skipped: ${verdict.message}`, () => {});
    }
  });
}
