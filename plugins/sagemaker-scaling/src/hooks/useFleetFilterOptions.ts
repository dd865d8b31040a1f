import { useEffect, useState } from 'react';
import { useApi } from '@backstage/core-plugin-api';
import { catalogApiRef } from '@backstage/plugin-catalog-react';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { sagemakerScalingApiRef } from '../api';

/** One choice of a filter: the value sent and the words shown. @internal */
export interface FilterOption {
  value: string;
  label: string;
}

/** The groups, systems and clusters the fleet page offers as filters. @internal */
export interface FleetFilterOptions {
  groups: FilterOption[];
  systems: FilterOption[];
  clusters: FilterOption[];
}

const byLabel = (a: FilterOption, b: FilterOption) =>
  a.label.localeCompare(b.label);

/**
 * Reads the filter choices once: groups and systems from the catalog (as the user may
 * see them), clusters from the backend. A failed read leaves its list empty; the filter
 * then offers only "All" and what the URL already selects.
 * @internal
 */
export function useFleetFilterOptions(): FleetFilterOptions {
  const catalogApi = useApi(catalogApiRef);
  const scalingApi = useApi(sagemakerScalingApiRef);
  const [options, setOptions] = useState<FleetFilterOptions>({
    groups: [],
    systems: [],
    clusters: [],
  });

  useEffect(() => {
    let mounted = true;
    catalogApi
      .getEntities({
        filter: [{ kind: 'group' }, { kind: 'system' }],
        fields: [
          'kind',
          'metadata.name',
          'metadata.namespace',
          'metadata.title',
        ],
      })
      .then(
        ({ items }) => {
          const toOption = (kind: string) =>
            items
              .filter(e => e.kind.toLocaleLowerCase('en-US') === kind)
              .map(e => ({
                value: stringifyEntityRef(e),
                label: e.metadata.title ?? e.metadata.name,
              }))
              .sort(byLabel);
          if (mounted) {
            setOptions(prev => ({
              ...prev,
              groups: toOption('group'),
              systems: toOption('system'),
            }));
          }
        },
        () => undefined,
      );
    scalingApi.getClusters().then(
      ({ clusters }) => {
        if (mounted) {
          setOptions(prev => ({
            ...prev,
            clusters: clusters
              .map(c => ({ value: c.name, label: c.name }))
              .sort(byLabel),
          }));
        }
      },
      () => undefined,
    );
    return () => {
      mounted = false;
    };
  }, [catalogApi, scalingApi]);

  return options;
}
