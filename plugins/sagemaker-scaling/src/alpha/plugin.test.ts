import plugin from './plugin';

describe('sagemaker-scaling alpha plugin', () => {
  it('has the plugin id and provides the API, the entity card, the Scaling tab, the template form cost estimate, the fleet page and the fleet card', () => {
    expect(plugin.pluginId).toBe('sagemaker-scaling');
    // The ids are also checked by the compiler: getExtension only accepts known ids.
    expect(plugin.getExtension('api:sagemaker-scaling')).toBeDefined();
    expect(
      plugin.getExtension('entity-card:sagemaker-scaling/scaling'),
    ).toBeDefined();
    expect(
      plugin.getExtension('entity-content:sagemaker-scaling/scaling'),
    ).toBeDefined();
    expect(
      plugin.getExtension(
        'scaffolder-form-field:sagemaker-scaling/cost-estimate',
      ),
    ).toBeDefined();
    expect(plugin.getExtension('page:sagemaker-scaling/fleet')).toBeDefined();
    expect(
      plugin.getExtension('entity-card:sagemaker-scaling/fleet'),
    ).toBeDefined();
  });
});
