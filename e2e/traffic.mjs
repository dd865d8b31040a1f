/*
 * Traffic of the sandbox's demo services through its admin API, for the e2e files that
 * surge a service: they share one stack, so each puts the demo's own traffic back.
 */
import assert from 'node:assert/strict';
import { SANDBOX_ADMIN } from './browser.mjs';

/** Sets an endpoint's synthetic traffic (invocations per minute, see the sandbox README). */
export async function setTraffic(namespace, endpointName, settings) {
  const res = await fetch(
    `${SANDBOX_ADMIN}/traffic/${namespace}/${endpointName}`,
    {
      method: 'PUT',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(settings),
    },
  );
  assert.equal(res.status, 200, await res.text());
}

/** Drops what setTraffic set: the endpoint gets its annotation's traffic again (the demo's spike). */
export async function restoreTraffic(namespace, endpointName) {
  const res = await fetch(
    `${SANDBOX_ADMIN}/traffic/${namespace}/${endpointName}`,
    { method: 'DELETE' },
  );
  assert.equal(res.status, 200, await res.text());
}

/**
 * A surge no instance count up to the maximum can serve: invocations per minute far above
 * the demo's target of 60 per instance, so the high alarm stays in ALARM at the maximum.
 */
export const SURGE = { pattern: 'steady', base: 6000 };

/** Load far below 90 % of the target at any instance count: the low alarm's condition. */
export const LULL = { pattern: 'steady', base: 5 };
