import { formerMediatorRefusal } from './later-roles';

describe('no later role for a mediator (A5, 特邀 16)', () => {
  it('refuses the current or an earlier mediator of the case as an agent, naming the field', () => {
    expect(formerMediatorRefusal('m1', ['m1'], 'agentEmail')).toEqual({ field: 'agentEmail', rule: 'isNotFormerMediator', message: expect.stringContaining('特邀 16') });
    expect(formerMediatorRefusal('m0', [null, 'm1', 'm0'], 'agentUserId')).toMatchObject({ field: 'agentUserId', rule: 'isNotFormerMediator' });
  });

  it('lets anyone else act as an agent', () => {
    expect(formerMediatorRefusal('lawyer', ['m1', null], 'agentEmail')).toBeUndefined();
    expect(formerMediatorRefusal('lawyer', [], 'agentEmail')).toBeUndefined();
  });
});
