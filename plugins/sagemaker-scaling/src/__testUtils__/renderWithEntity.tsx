import type { ReactNode } from 'react';
import type { Entity } from '@backstage/catalog-model';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import {
  EntityProvider,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import {
  mockApis,
  renderInTestApp,
  TestApiProvider,
} from '@backstage/test-utils';
import { sagemakerScalingApiRef } from '../api';
import type { FakeSageMakerScalingApi } from './FakeSageMakerScalingApi';
import { churnPredictionEntity } from '../__fixtures__/snapshots';

/** Timings that make fallbacks observable within a test. @internal */
export const FAST_LIVE_OPTIONS = {
  pollIntervalMs: 20,
  maxPollIntervalMs: 80,
  streamRetryMs: 60,
};

/**
 * Renders a component of the plugin on an entity page of a test app, with the fake API,
 * a permission API that allows or denies `sagemaker.scaling.update`, and the catalog's
 * entity route mounted so the card's link resolves.
 * @internal
 */
export function renderWithEntity(
  element: ReactNode,
  options: {
    api: FakeSageMakerScalingApi;
    entity?: Entity;
    canUpdate?: boolean;
    /** The URL the test app starts at, e.g. `/?view=history`. */
    path?: string;
  },
) {
  const permissionApi = mockApis.permission({
    authorize:
      options.canUpdate === false
        ? AuthorizeResult.DENY
        : AuthorizeResult.ALLOW,
  });
  return renderInTestApp(
    <TestApiProvider
      apis={[
        [sagemakerScalingApiRef, options.api],
        [permissionApiRef, permissionApi],
      ]}
    >
      <EntityProvider entity={options.entity ?? churnPredictionEntity}>
        {element}
      </EntityProvider>
    </TestApiProvider>,
    {
      mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
      ...(options.path ? { routeEntries: [options.path] } : {}),
    },
  );
}
