/**
 * Optional persistence: the sandbox's objects and all simulated AWS state (SageMaker,
 * Application Auto Scaling with its activities, including not-scaled ones, CloudWatch's
 * target-tracking alarms, the simulator's cooldowns and metric history, traffic
 * settings) in one JSON file, written atomically, read back on start. Memory only by
 * default.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { ApplicationAutoScalingService } from './aws/ApplicationAutoScalingService';
import type { CloudWatchAlarms, MetricAlarm } from './aws/CloudWatchAlarms';
import type { SageMakerService } from './aws/SageMakerService';
import type { AckControllers } from './ack/AckControllers';
import type { ControllerMemory } from './ack/reconcileContext';
import type { KubeObject, ObjectStore } from './kube/ObjectStore';
import type {
  ScalingSimulator,
  ScalingSimulatorState,
} from './simulation/ScalingSimulator';
import type { TrafficRegistry } from './simulation/TrafficRegistry';

const FORMAT = 'sandbox-cluster-state/v2';

/** What the file holds. @internal */
export interface SavedState {
  format: typeof FORMAT;
  savedAt: string;
  /** The clock when saved (ms); a manual clock goes on from here. */
  savedAtMs: number;
  /** Whether the demo services were seeded into this state (they are not seeded again). */
  demoSeeded: boolean;
  resourceVersion: number;
  objects: Record<string, KubeObject[]>;
  sagemaker: {
    models: unknown[];
    endpointConfigs: unknown[];
    endpoints: unknown[];
  };
  aas: {
    targets: unknown[];
    policies: Array<[string, unknown[]]>;
    activities: Array<[string, unknown[]]>;
  };
  /**
   * CloudWatch's target-tracking alarms. Absent in files written before the sandbox
   * kept alarms: their policies' alarms are then created again, with no state yet.
   */
  cloudWatch?: { alarms: MetricAlarm[] };
  /** What the simulated controllers remember per object (by uid). */
  controllers: Array<[string, ControllerMemory]>;
  simulator: ScalingSimulatorState;
  traffic: ReturnType<TrafficRegistry['snapshot']>;
}

/** The parts of a sandbox whose state is kept. @internal */
export interface StatefulParts {
  store: ObjectStore;
  controllers: AckControllers;
  sagemaker: SageMakerService;
  aas: ApplicationAutoScalingService;
  alarms: CloudWatchAlarms;
  scaling: ScalingSimulator;
  traffic: TrafficRegistry;
}

/** Reads a state file; undefined when it does not exist. Throws naming the file when unreadable. @internal */
export function readStateFile(file: string): SavedState | undefined {
  if (!fs.existsSync(file)) return undefined;
  let state: SavedState;
  try {
    state = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (e) {
    throw new Error(
      `state file ${file} is not valid JSON: ${(e as Error).message}`,
    );
  }
  if (state?.format !== FORMAT) {
    throw new Error(
      `state file ${file} is not a ${FORMAT} file; delete it to start empty`,
    );
  }
  return state;
}

/** Snapshot of everything worth keeping. @internal */
export function captureState(
  now: number,
  demoSeeded: boolean,
  parts: StatefulParts,
): SavedState {
  const { store, controllers, sagemaker, aas, alarms, scaling, traffic } =
    parts;
  const objects: Record<string, KubeObject[]> = {};
  for (const resource of store.resources())
    objects[resource] = store.list(resource);
  return {
    format: FORMAT,
    savedAt: new Date(now).toISOString(),
    savedAtMs: now,
    demoSeeded,
    resourceVersion: store.resourceVersion,
    objects,
    sagemaker: {
      models: [...sagemaker.models.values()],
      endpointConfigs: [...sagemaker.endpointConfigs.values()],
      endpoints: [...sagemaker.endpoints.values()],
    },
    aas: {
      targets: [...aas.targets.values()],
      policies: [...aas.policies.entries()].map(([k, m]) => [
        k,
        [...m.values()],
      ]),
      activities: [...aas.activities.entries()],
    },
    cloudWatch: { alarms: alarms.snapshot() },
    controllers: controllers.snapshot(),
    simulator: scaling.snapshot(),
    traffic: traffic.snapshot(),
  };
}

/**
 * Writes the state atomically: a temporary file in the same folder, then a rename, so a
 * crash mid-write leaves the previous file whole.
 * @internal
 */
export function writeStateFile(file: string, state: SavedState): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, JSON.stringify(state));
  fs.renameSync(tmp, file);
}

/** Puts saved state back into empty services. @internal */
export function restoreState(
  state: SavedState,
  parts: StatefulParts,
): { demoSeeded: boolean } {
  const { store, controllers, sagemaker, aas, alarms, scaling, traffic } =
    parts;
  store.restore(state.objects, state.resourceVersion);
  for (const m of state.sagemaker.models as any[])
    sagemaker.models.set(m.name, m);
  for (const c of state.sagemaker.endpointConfigs as any[])
    sagemaker.endpointConfigs.set(c.name, c);
  for (const e of state.sagemaker.endpoints as any[])
    sagemaker.endpoints.set(e.name, e);
  for (const t of state.aas.targets as any[]) {
    aas.targets.set(
      `${t.ServiceNamespace}|${t.ResourceId}|${t.ScalableDimension}`,
      t,
    );
  }
  for (const [k, policies] of state.aas.policies) {
    aas.policies.set(
      k,
      new Map((policies as any[]).map(p => [p.PolicyName, p])),
    );
  }
  for (const [k, activities] of state.aas.activities)
    aas.activities.set(k, activities as any[]);
  if (state.cloudWatch) {
    alarms.restore(state.cloudWatch.alarms);
  } else {
    for (const byName of aas.policies.values()) {
      for (const policy of byName.values())
        alarms.putTargetTrackingAlarms(policy, state.savedAtMs);
    }
  }
  controllers.restore(state.controllers);
  scaling.restore(state.simulator);
  traffic.restore(state.traffic);
  return { demoSeeded: state.demoSeeded };
}
