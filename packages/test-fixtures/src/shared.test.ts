import { REQUIRE_SHARED_ENV, describeWithShared, sharedPath } from './shared';

describe('describeWithShared', () => {
  it('points at ../shared beside the repository', () => {
    expect(sharedPath('ack-crds')).toMatch(/[\\/]shared[\\/]ack-crds$/);
  });

  it('names the environment variable CI sets', () => {
    expect(REQUIRE_SHARED_ENV).toBe('SAGEMAKER_REQUIRE_SHARED');
  });
});

// A path that never exists: without SAGEMAKER_REQUIRE_SHARED=1 this block is reported as
// skipped with the missing path in its title; with it, it fails (run it once to see).
if (process.env[REQUIRE_SHARED_ENV] !== '1') {
  describeWithShared(
    'a test that needs a missing path',
    ['no/such/file'],
    () => {
      // eslint-disable-next-line jest/expect-expect -- it fails by running at all
      it('does not run', () => {
        throw new Error('ran although the path is missing');
      });
    },
  );
}
