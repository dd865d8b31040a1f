import { stringify } from 'yaml';
import { scaledEndpointManifestList } from './buildScaledEndpointManifests';
import type { ScaledEndpointManifests } from './types';

/**
 * Serialises the five objects as one multi-document YAML stream, in apply order, with the
 * `yaml` library: values are quoted as needed, so no input can add keys or documents.
 * @public
 */
export function manifestsToYaml(m: ScaledEndpointManifests): string {
  return scaledEndpointManifestList(m)
    .map(object => stringify(object, { lineWidth: 0 }))
    .join('---\n');
}
