import { parseAllDocuments } from 'yaml';
import {
  minimalSpec,
  tutorialSpec,
} from '@mlplatform/sagemaker-scaling-test-fixtures';
import {
  buildScaledEndpointManifests,
  scaledEndpointManifestList,
} from './buildScaledEndpointManifests';
import { manifestsToYaml } from './manifestsToYaml';
import type { ScaledEndpointManifests } from './types';

function parseStream(text: string) {
  const docs = parseAllDocuments(text);
  for (const doc of docs) {
    expect(doc.errors).toEqual([]);
  }
  return docs.map(doc => doc.toJS());
}

describe('manifestsToYaml', () => {
  it('writes five documents in apply order that parse back unchanged', () => {
    const m = buildScaledEndpointManifests(tutorialSpec);
    const text = manifestsToYaml(m);
    const objects = parseStream(text);
    expect(objects.map(o => o.kind)).toEqual([
      'Model',
      'EndpointConfig',
      'Endpoint',
      'ScalableTarget',
      'ScalingPolicy',
    ]);
    expect(objects).toEqual(scaledEndpointManifestList(m));
    expect(text).toContain(
      'scalableDimension: sagemaker:variant:DesiredInstanceCount',
    );
  });

  it('keeps a policy name with ": ", quotes, "---" and "#" as one string value', () => {
    const policyName = `a: b\n---\n"q" 'x' # not a comment`.replace(/\n/g, ' ');
    const m = buildScaledEndpointManifests({ ...minimalSpec, policyName });
    const objects = parseStream(manifestsToYaml(m));
    expect(objects).toHaveLength(5);
    expect(objects[4].spec.policyName).toBe(policyName);
    expect(Object.keys(objects[4].spec)).toEqual(
      Object.keys(m.scalingPolicy.spec),
    );
  });

  it('cannot add keys or documents even from objects that skipped validation', () => {
    // Built by hand, bypassing validation: serialisation alone must keep values inert.
    const valid = buildScaledEndpointManifests(minimalSpec);
    const hostile = `x\n---\napiVersion: v1\nkind: Secret\nmetadata:\n  name: stolen`;
    const tampered: ScaledEndpointManifests = {
      ...valid,
      model: {
        ...valid.model,
        metadata: { ...valid.model.metadata, name: hostile },
        spec: {
          ...valid.model.spec,
          primaryContainer: { image: 'img: "x"\nrole: admin' },
        },
      },
    };
    const objects = parseStream(manifestsToYaml(tampered));
    expect(objects).toHaveLength(5);
    expect(objects.map(o => o.kind)).not.toContain('Secret');
    expect(objects[0].metadata.name).toBe(hostile);
    expect(objects[0].spec.primaryContainer).toEqual({
      image: 'img: "x"\nrole: admin',
    });
  });

  it('refuses the same hostile strings at validation, before anything is rendered', () => {
    expect(() =>
      buildScaledEndpointManifests({
        ...minimalSpec,
        modelName: 'x\n---\nkind: Secret',
      }),
    ).toThrow(/modelName must be lowercase letters/);
    expect(() =>
      buildScaledEndpointManifests({
        ...minimalSpec,
        image: 'img: "x"\nrole: admin',
      }),
    ).toThrow(/image must be a container image URI/);
  });
});
