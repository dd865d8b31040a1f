/**
 * Fleet rows for tests and the dev app: the two demo services, one healthy and owned by
 * the guest's team, one at its maximum and owned by another team, plus a degraded row.
 */
import type {
  FleetPage,
  FleetRow,
} from '@mlplatform/plugin-sagemaker-scaling-common';

/** The demo service of the guest's team, InService within its range. @internal */
export const churnPredictionRow: FleetRow = {
  entityRef: 'component:default/churn-prediction',
  kind: 'Component',
  namespace: 'default',
  name: 'churn-prediction',
  owner: 'group:default/ml-platform',
  system: 'system:default/ml-inference',
  cluster: 'sandbox',
  endpointNamespace: 'ml-serving',
  endpointName: 'churn-prediction',
  endpointStatus: 'InService',
  variants: [
    {
      variantName: 'AllTraffic',
      instanceType: 'ml.m5.large',
      currentInstanceCount: 2,
      desiredInstanceCount: 2,
      minCapacity: 1,
      maxCapacity: 3,
      targetValue: 60,
      latestLoadPerInstance: 42.5,
      monthlyRunRateUsd: 168.19,
    },
  ],
  monthlyRunRateUsd: 168.19,
  binding: 'bound',
};

/** Another team's service at its maximum, with two variants and a week recorded. @internal */
export const fraudDetectionRow: FleetRow = {
  entityRef: 'component:default/fraud-detection',
  kind: 'Component',
  namespace: 'default',
  name: 'fraud-detection',
  title: 'Fraud detection',
  owner: 'group:default/data-science',
  system: 'system:default/ml-inference',
  cluster: 'sandbox',
  endpointNamespace: 'ml-serving',
  endpointName: 'fraud-detection',
  endpointStatus: 'Updating',
  variants: [
    {
      variantName: 'Blue',
      currentInstanceCount: 4,
      desiredInstanceCount: 4,
      minCapacity: 1,
      maxCapacity: 4,
      targetValue: 100,
      latestLoadPerInstance: 130,
    },
    {
      variantName: 'Green',
      currentInstanceCount: 1,
      desiredInstanceCount: 1,
    },
  ],
  atMaxShare7d: 0.256,
  topFinding: {
    code: 'at-max-capacity',
    severity: 'warning',
    message: 'Variant Blue has been at its maximum of 4 instances for 25 min',
  },
  binding: 'bound',
};

/** A row whose cluster has not synced yet. @internal */
export const degradedRow: FleetRow = {
  entityRef: 'component:default/ranking',
  kind: 'Component',
  namespace: 'default',
  name: 'ranking',
  owner: 'group:default/ml-platform',
  cluster: 'eu-west',
  endpointNamespace: 'ml',
  variants: [],
  degraded: 'Cluster eu-west has not synced yet',
};

/** A first page of three with a next page. @internal */
export const fleetFirstPage: FleetPage = {
  rows: [churnPredictionRow, fraudDetectionRow, degradedRow],
  totalCount: 5,
  nextCursor: '3',
};
