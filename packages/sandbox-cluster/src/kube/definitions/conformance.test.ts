/**
 * The sandbox's own ACK definitions against the upstream CRDs (read through the
 * `--crd-dir` code path from ../shared/ack-crds): the same names, printer columns and
 * subresources, and the same verdict, accepted (with the same fields pruned) or rejected
 * (on the same fields), for every document the product writes and for each of those
 * documents broken at each written field.
 */
import {
  buildScaledEndpointManifests,
  scaledEndpointManifestList,
} from '@mlplatform/plugin-sagemaker-scaling-common';
import {
  UPSTREAM_CRD_DIR,
  describeWithShared,
  minimalSpec,
  sharedPath,
  tutorialManifests,
  tutorialSpec,
  sampleValidScaledEndpointSpecs,
} from '@mlplatform/sagemaker-scaling-test-fixtures';
import { demoManifests } from '../../demo';
import { createAll, startTestSandbox } from '../../__testUtils__/clients';
import {
  assertValid,
  loadCrdResources,
  ownAckResources,
  pruneUnknownFields,
  ResourceDefinition,
} from '../crds';
import { KubeStatusError } from '../KubeStatusError';

// Compiling the upstream schemas and running a sandbox take a while on a loaded machine.
jest.setTimeout(60_000);

type Doc = { kind: string; [key: string]: any };

/** What the API server would do with a document: keep it (pruned) or refuse it. */
function verdict(def: ResourceDefinition, doc: Doc) {
  const object = structuredClone(doc);
  const pruned = pruneUnknownFields(def, object).sort();
  try {
    assertValid(def, object);
    return { accepted: true, pruned, object };
  } catch (e) {
    if (!(e instanceof KubeStatusError)) throw e;
    const causes = (e.details?.causes ?? [])
      .map(c => `${c.reason} ${c.field}`)
      .sort();
    return { accepted: false, pruned, causes };
  }
}

type Path = Array<string | number>;

/** Every field a document sets under spec and status, with its value. */
function writtenFields(doc: Doc): Array<{ path: Path; value: unknown }> {
  const fields: Array<{ path: Path; value: unknown }> = [];
  const walk = (value: unknown, path: Path) => {
    if (path.length > 0) fields.push({ path, value });
    if (Array.isArray(value)) value.forEach((v, i) => walk(v, [...path, i]));
    else if (value && typeof value === 'object') {
      for (const [k, v] of Object.entries(value)) walk(v, [...path, k]);
    }
  };
  for (const top of ['spec', 'status']) {
    if (doc[top] !== undefined) walk(doc[top], [top]);
  }
  return fields;
}

/** Values of the wrong type for a field that holds `value`. */
function wrongValues(value: unknown): unknown[] {
  if (typeof value === 'string') return [42, true, { a: 'b' }];
  if (typeof value === 'boolean') return ['true', 1];
  if (typeof value === 'number') {
    return Number.isInteger(value) ? [1.5, String(value)] : [String(value)];
  }
  if (Array.isArray(value)) return ['x', { a: 1 }];
  if (value && typeof value === 'object') return ['x', 7, []];
  return [];
}

function withValue(doc: Doc, path: Path, value: unknown): Doc {
  const copy = structuredClone(doc);
  let at: any = copy;
  for (const seg of path.slice(0, -1)) at = at[seg];
  at[path[path.length - 1]] = value;
  return copy;
}

function without(doc: Doc, path: Path): Doc {
  const copy = structuredClone(doc);
  let at: any = copy;
  for (const seg of path.slice(0, -1)) at = at[seg];
  const last = path[path.length - 1];
  if (Array.isArray(at)) at.splice(Number(last), 1);
  else delete at[last];
  return copy;
}

/** The documents broken at each written field: wrong types, removed, an unknown sibling. */
function brokenVariants(doc: Doc): Array<{ what: string; doc: Doc }> {
  const variants: Array<{ what: string; doc: Doc }> = [];
  for (const { path, value } of writtenFields(doc)) {
    const at = path.join('.');
    for (const wrong of wrongValues(value)) {
      variants.push({
        what: `${at} = ${JSON.stringify(wrong)}`,
        doc: withValue(doc, path, wrong),
      });
    }
    variants.push({ what: `without ${at}`, doc: without(doc, path) });
    if (value && typeof value === 'object' && !Array.isArray(value)) {
      variants.push({
        what: `${at}.notAField`,
        doc: withValue(doc, [...path, 'notAField'], 'x'),
      });
    }
  }
  return variants;
}

describeWithShared(
  "the sandbox's own ACK definitions",
  [UPSTREAM_CRD_DIR],
  () => {
    let own: Record<string, ResourceDefinition>;
    let upstream: Record<string, ResourceDefinition>;
    /** Documents the product writes, and objects as the simulated controllers leave them. */
    let documents: Doc[];

    const byKind = (defs: ResourceDefinition[]) =>
      Object.fromEntries(defs.map(d => [d.kind, d]));

    beforeAll(async () => {
      own = byKind(ownAckResources());
      upstream = byKind(loadCrdResources(sharedPath(UPSTREAM_CRD_DIR)));
      const rendered = [
        tutorialSpec,
        minimalSpec,
        { ...minimalSpec, disableScaleIn: true },
        ...sampleValidScaledEndpointSpecs(40),
      ].flatMap(spec =>
        scaledEndpointManifestList(buildScaledEndpointManifests(spec)),
      );
      // With status: the tutorial after the controllers, target tracking and a scale-out.
      const sandbox = await startTestSandbox({ tls: false });
      try {
        createAll(sandbox, tutorialManifests());
        sandbox.advance(61_000);
        const endpointName = tutorialSpec.endpointName;
        sandbox.traffic.set('default', endpointName, {
          pattern: 'steady',
          base: 600,
        });
        sandbox.advance(5 * 60_000);
        const reconciled = sandbox.api.resources
          .filter(r => r.group)
          .flatMap(r => sandbox.store.list(r.key));
        const scaled = (reconciled.find(o => o.kind === 'Endpoint') as Doc)
          ?.status?.productionVariants?.[0]?.desiredInstanceCount;
        if (scaled !== 3) {
          throw new Error(
            `expected the tutorial scaled out to 3, got ${scaled}`,
          );
        }
        documents = [
          ...tutorialManifests(),
          ...demoManifests('us-east-1', '111122223333'),
          ...rendered,
          ...(reconciled as Doc[]),
        ];
      } finally {
        await sandbox.stop();
      }
    });

    it('has the upstream names, scope, printer columns and status subresource', () => {
      expect(Object.keys(own).sort()).toEqual(Object.keys(upstream).sort());
      for (const kind of Object.keys(upstream)) {
        const { schema: _a, validate: _b, ...ownRest } = own[kind];
        const { schema: _c, validate: _d, ...upstreamRest } = upstream[kind];
        expect(ownRest).toEqual(upstreamRest);
      }
    });

    it('declares every upstream spec and status field at the top level with its type', () => {
      for (const kind of Object.keys(upstream)) {
        for (const part of ['spec', 'status']) {
          const fields = (def: ResourceDefinition) =>
            Object.fromEntries(
              Object.entries(def.schema!.properties![part].properties!).map(
                ([name, node]) => [name, node.type],
              ),
            );
          expect({ kind, part, fields: fields(own[kind]) }).toEqual({
            kind,
            part,
            fields: fields(upstream[kind]),
          });
        }
      }
    });

    it('accepts every document the product writes, as upstream does, pruning nothing', () => {
      expect(documents.length).toBeGreaterThan(200);
      for (const doc of documents) {
        const ours = verdict(own[doc.kind], doc);
        expect({ kind: doc.kind, ...ours }).toEqual({
          kind: doc.kind,
          ...verdict(upstream[doc.kind], doc),
        });
        expect(ours).toMatchObject({ accepted: true, pruned: [] });
      }
    });

    it('accepts and rejects each document broken at each written field as upstream does', () => {
      let rejected = 0;
      let checked = 0;
      // The fixed documents and a few rendered ones: every written field of every kind.
      const sample = documents.filter(
        (d, i) => i < 12 || !d.metadata?.labels || d.status !== undefined,
      );
      for (const doc of sample) {
        for (const { what, doc: broken } of brokenVariants(doc)) {
          const ours = verdict(own[doc.kind], broken);
          const theirs = verdict(upstream[doc.kind], broken);
          expect({ kind: doc.kind, what, ...ours }).toEqual({
            kind: doc.kind,
            what,
            ...theirs,
          });
          checked++;
          if (!ours.accepted) rejected++;
        }
      }
      // The comparison means something only if both refuse a good share.
      expect(checked).toBeGreaterThan(500);
      expect(rejected).toBeGreaterThan(checked / 3);
    });
  },
);
