import {
  ANNOTATION_BOUND_ENTITY,
  evaluateEndpointBinding,
  serviceEntityRef,
} from './binding';

const resource = (ref?: string) => {
  const annotations: Record<string, string> = {};
  if (ref) annotations[ANNOTATION_BOUND_ENTITY] = ref;
  return { kind: 'Endpoint', metadata: { name: 'x', annotations } };
};

describe('evaluateEndpointBinding', () => {
  const self = serviceEntityRef('fraud-detection');

  it('names the entity of a service', () => {
    expect(self).toBe('component:default/fraud-detection');
  });

  it('is bound when every annotated resource names the entity, case-insensitively', () => {
    expect(
      evaluateEndpointBinding(self, [
        resource('Component:default/Fraud-Detection'),
        resource(),
      ]).state,
    ).toBe('bound');
  });

  it('is unbound when no resource names an entity', () => {
    const binding = evaluateEndpointBinding(self, [resource(), resource()]);
    expect(binding.state).toBe('unbound');
    expect(binding.reason).toContain('adopt');
  });

  it('refuses an entity the resources are not bound to, naming the owner', () => {
    const binding = evaluateEndpointBinding('component:default/intruder', [
      resource(self),
    ]);
    expect(binding).toMatchObject({
      state: 'bound-to-other',
      boundTo: [self],
    });
    expect(binding.reason).toContain(self);
  });

  it('reports resources bound to different entities as conflicting', () => {
    expect(
      evaluateEndpointBinding(self, [
        resource(self),
        resource('component:default/other'),
      ]).state,
    ).toBe('conflicting');
  });
});
