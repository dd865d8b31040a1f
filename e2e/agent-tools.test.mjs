/*
 * Agent tools (issue 13, "Done when"): an MCP client - the official TypeScript SDK - against
 * the running demo's MCP endpoint (/api/mcp-actions/v1) as the signed-in guest, with the
 * demo's real permission policy: it lists the four tools, reads the demo service's state,
 * and the update tool is refused on the other team's service, whose scaling objects stay
 * as they were.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { BACKEND, guestToken } from './browser.mjs';
import { listAck } from './kube.mjs';

const NAMESPACE = 'ml-serving';
const OTHER_TEAMS = 'fraud-detection';

let client;
before(async () => {
  const token = await guestToken();
  client = new Client({ name: 'e2e-agent', version: '1.0.0' });
  await client.connect(
    new StreamableHTTPClientTransport(
      new URL(`${BACKEND}/api/mcp-actions/v1`),
      {
        requestInit: { headers: { Authorization: `Bearer ${token}` } },
      },
    ),
  );
});
after(async () => {
  await client?.close();
});

const call = (name, args) =>
  client.callTool({ name: `sagemaker-scaling.${name}`, arguments: args });

/** The JSON of a tool result's text. */
function outputOf(result) {
  assert.ok(!result.isError, result.content[0].text);
  return JSON.parse(result.content[0].text);
}

/** The other team's ScalableTarget and ScalingPolicy specs and versions, from the cluster. */
async function otherTeamsScalingObjects() {
  const pick = items =>
    items
      .filter(o => o.metadata.name.startsWith(OTHER_TEAMS))
      .map(o => ({
        name: o.metadata.name,
        resourceVersion: o.metadata.resourceVersion,
        spec: o.spec,
      }));
  return {
    targets: pick(await listAck('ScalableTarget', NAMESPACE)),
    policies: pick(await listAck('ScalingPolicy', NAMESPACE)),
  };
}

test('an MCP client lists the four tools with their hints', async () => {
  const started = Date.now();
  const { tools } = await client.listTools();
  console.log(`[measure] MCP tools/list ${Date.now() - started} ms`);
  const ours = tools.filter(t => t.name.startsWith('sagemaker-scaling.'));
  assert.deepEqual(ours.map(t => t.name).sort(), [
    'sagemaker-scaling.get-ml-endpoint-scaling',
    'sagemaker-scaling.list-ml-endpoints',
    'sagemaker-scaling.plan-ml-endpoint-scaling',
    'sagemaker-scaling.update-ml-endpoint-scaling',
  ]);
  const update = ours.find(t => t.name.endsWith('update-ml-endpoint-scaling'));
  assert.equal(update.annotations.destructiveHint, true);
  assert.equal(update.annotations.readOnlyHint, false);
  const get = ours.find(t => t.name.endsWith('get-ml-endpoint-scaling'));
  assert.equal(get.annotations.readOnlyHint, true);
});

test("reads the demo service's state and lists both demo services", async () => {
  const started = Date.now();
  const state = outputOf(
    await call('get-ml-endpoint-scaling', {
      entityRef: 'component:default/churn-prediction',
    }),
  );
  console.log(
    `[measure] MCP get-ml-endpoint-scaling ${Date.now() - started} ms`,
  );
  assert.equal(state.endpointName, 'churn-prediction');
  assert.equal(state.status, 'InService');
  assert.equal(state.binding.state, 'bound');
  assert.equal(state.variants[0].variantName, 'AllTraffic');
  assert.equal(typeof state.variants[0].maxCapacity, 'number');
  assert.equal(typeof state.variants[0].explanation.summary, 'string');

  const fleet = outputOf(await call('list-ml-endpoints', {}));
  const refs = fleet.rows.map(r => r.entityRef);
  for (const ref of [
    'component:default/churn-prediction',
    'component:default/fraud-detection',
  ]) {
    assert.ok(refs.includes(ref), `${ref} in ${refs.join(', ')}`);
  }
});

test("the update tool is refused on the other team's service, which stays as it was", async () => {
  const before_ = await otherTeamsScalingObjects();
  const variant = outputOf(
    await call('get-ml-endpoint-scaling', {
      entityRef: `component:default/${OTHER_TEAMS}`,
    }),
  ).variants[0];
  const result = await call('update-ml-endpoint-scaling', {
    entityRef: `component:default/${OTHER_TEAMS}`,
    expectedVersion: variant.settingsVersion,
    minCapacity: 1,
    maxCapacity: variant.maxCapacity + 5,
    targetValue: variant.targetValue,
    scaleInCooldown: variant.scaleInCooldown,
    scaleOutCooldown: variant.scaleOutCooldown,
    disableScaleIn: false,
  });
  assert.equal(result.isError, true);
  assert.match(
    result.content[0].text,
    /^NotAllowedError: You are not allowed to update the scaling of component:default\/fraud-detection/,
  );
  assert.deepEqual(await otherTeamsScalingObjects(), before_);
});
