#!/usr/bin/env node
/*
 * Runs the sandbox cluster from its TypeScript sources, without a build step: the
 * Backstage CLI's node transform (SWC) compiles them on load, as `backstage-cli
 * package start` does.
 */
require('@backstage/cli/config/nodeTransform.cjs');
require('../src/cli').main(process.argv.slice(2));
