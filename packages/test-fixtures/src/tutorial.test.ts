import fs from 'node:fs';
import { parseAllDocuments } from 'yaml';
import { describeWithShared, sharedPath } from './shared';
import {
  TUTORIAL_VARIABLES,
  tutorialManifests,
  tutorialManifestsFor,
} from './tutorial';

const REFERENCE = 'reference/tutorial-manifests.yaml';

/** The reference file with its shell variables replaced by `values`. */
function reference(
  values: Record<string, string>,
  renames: [RegExp, string][] = [],
) {
  let text = fs
    .readFileSync(sharedPath(REFERENCE), 'utf8')
    .replace(/\$\{([A-Z_]+)\}/g, (_, name: string) => {
      if (!(name in values)) throw new Error(`No value for ${name}`);
      return values[name];
    });
  for (const [pattern, replacement] of renames) {
    text = text.replace(pattern, replacement);
  }
  return parseAllDocuments(text).map(d => d.toJS());
}

describeWithShared('the tutorial fixture', [REFERENCE], () => {
  it('equals tutorial-manifests.yaml with the tutorial values', () => {
    expect(tutorialManifests()).toEqual(reference(TUTORIAL_VARIABLES));
  });

  it('with derived names equals the file with those names', () => {
    expect(tutorialManifestsFor('churn-prediction')).toEqual(
      reference(
        {
          ...TUTORIAL_VARIABLES,
          MODEL_NAME: 'churn-prediction-model',
          ENDPOINT_CONFIG_NAME: 'churn-prediction-config',
          ENDPOINT_NAME: 'churn-prediction',
        },
        [[/ack-tutorial-endpoint-/g, 'churn-prediction-']],
      ),
    );
  });

  it('is not a copy that changes under a test: every call gives fresh objects', () => {
    const first = tutorialManifests();
    first[0].spec.modelName = 'changed';
    expect(tutorialManifests()[0].spec.modelName).toBe(
      TUTORIAL_VARIABLES.MODEL_NAME,
    );
  });
});
