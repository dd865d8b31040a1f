import { simulateTargetTracking } from './simulateTargetTracking';

describe('simulateTargetTracking', () => {
  const policy = {
    targetValue: 60,
    scaleOutCooldown: 300,
    scaleInCooldown: 600,
  };

  it('scales out after 3 busy minutes and serves the new capacity after the provisioning delay', () => {
    // 1 instance, 150 invocations per minute: 150 per instance is above 60.
    const points = simulateTargetTracking({
      policy,
      minCapacity: 1,
      maxCapacity: 4,
      initialCapacity: 1,
      invocationsPerMinute: Array(10).fill(150),
      provisioningMinutes: 4,
    });
    // Minute 2 is the third datapoint above target: desired ceil(1 * 150 / 60) = 3.
    expect(points.map(p => p.desiredCapacity)).toEqual([
      1, 1, 3, 3, 3, 3, 3, 3, 3, 3,
    ]);
    // Decided at the end of minute 2, serving from minute 2 + 1 + 4 = 7.
    expect(points.map(p => p.inServiceCapacity)).toEqual([
      1, 1, 1, 1, 1, 1, 1, 3, 3, 3,
    ]);
    expect(points[7].metric).toBe(50);
    // While provisioning, the metric stays high but the cooldown counts the added capacity.
    expect(points.slice(3, 7).map(p => p.decision.reason)).toEqual(
      Array(4).fill('scale-out-cooldown'),
    );
  });

  it('scales in gradually after 15 quiet minutes and respects the scale-in cooldown', () => {
    const points = simulateTargetTracking({
      policy: { ...policy, scaleInCooldown: 300 },
      minCapacity: 1,
      maxCapacity: 8,
      initialCapacity: 8,
      invocationsPerMinute: Array(40).fill(40),
      deprovisioningMinutes: 1,
    });
    const scaleIns = points.filter(p => p.decision.action === 'scale-in');
    // 8 at 5 per instance: halve to 4 at minute 14, then (5 minutes cooldown, then 15 fresh
    // quiet minutes are already in the window) 4 serving 10 each wants ceil(0.67) = 1 but
    // may only halve: 2 at minute 19, then 1 at minute 24.
    expect(scaleIns.map(p => [p.minute, p.desiredCapacity])).toEqual([
      [14, 4],
      [19, 2],
      [24, 1],
    ]);
  });

  it('reports missing data as null metrics and does not act on them', () => {
    const points = simulateTargetTracking({
      policy,
      minCapacity: 1,
      maxCapacity: 4,
      initialCapacity: 2,
      invocationsPerMinute: [null, null, null, 500],
    });
    expect(points.map(p => p.metric)).toEqual([null, null, null, 250]);
    expect(points.every(p => p.decision.action === 'none')).toBe(true);
  });
});
