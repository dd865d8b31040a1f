import { deriveScaledEndpointNames, SAGEMAKER_NAME_PATTERN } from './names';

describe('deriveScaledEndpointNames', () => {
  it('derives the five names from the service name', () => {
    expect(deriveScaledEndpointNames('churn-prediction')).toEqual({
      modelName: 'churn-prediction-model',
      endpointConfigName: 'churn-prediction-config',
      endpointName: 'churn-prediction',
      scalableTargetName: 'churn-prediction-scalable-target',
      scalingPolicyName: 'churn-prediction-scaling-policy',
    });
  });

  it('lowercases, because the names are also Kubernetes metadata.name', () => {
    expect(deriveScaledEndpointNames('ChurnPrediction').modelName).toBe(
      'churnprediction-model',
    );
  });

  it('cuts long names to 63 characters without a dangling hyphen', () => {
    // 'a' * 56 + '-' + 'b' * 6: a cut for '-model' (room 57) ends on the hyphen
    const service = `${'a'.repeat(56)}-${'b'.repeat(6)}`;
    expect(service).toHaveLength(63);
    const names = deriveScaledEndpointNames(service);
    expect(names.modelName).toBe(`${'a'.repeat(56)}-model`);
    expect(names.endpointName).toBe(service);
    for (const name of Object.values(names)) {
      expect(name.length).toBeLessThanOrEqual(63);
      expect(name).toMatch(SAGEMAKER_NAME_PATTERN);
      expect(name).not.toContain('--');
    }
  });

  it('keeps names of different kinds distinct after cutting', () => {
    const names = Object.values(deriveScaledEndpointNames('x'.repeat(63)));
    expect(new Set(names).size).toBe(5);
  });
});
