import { REQUIRE_SHARED_ENV, sharedPath, sharedTestVerdict } from './shared';

describe('sharedTestVerdict', () => {
  it('points at ../shared beside the repository', () => {
    expect(sharedPath('ack-crds')).toMatch(/[\\/]shared[\\/]ack-crds$/);
  });

  it('skips a block whose path is missing, naming the path', () => {
    const verdict = sharedTestVerdict(['no/such/file'], {});
    expect(verdict).toEqual({
      action: 'skip',
      message: expect.stringContaining(sharedPath('no/such/file')),
    });
  });

  it(`fails that block when ${REQUIRE_SHARED_ENV}=1, as CI sets`, () => {
    const verdict = sharedTestVerdict(['no/such/file'], {
      [REQUIRE_SHARED_ENV]: '1',
    });
    expect(verdict.action).toBe('fail');
    expect(verdict).toMatchObject({
      message: expect.stringContaining(`${REQUIRE_SHARED_ENV}=1 requires it`),
    });
  });

  it('runs a block whose paths all exist', () => {
    // the repository's own folder stands in for a path that exists beside it
    const here = require('node:path').relative(sharedPath(), __dirname);
    expect(sharedTestVerdict([here], { [REQUIRE_SHARED_ENV]: '1' })).toEqual({
      action: 'run',
    });
  });
});
