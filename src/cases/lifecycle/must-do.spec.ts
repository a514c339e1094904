import { availableActions } from './case-lifecycle';
import { CaseRole } from './case-roles';
import { CaseSource, CaseStatus } from './case-states';
import { pendingActions } from './must-do';

const ctx = (status: CaseStatus) => ({ status, source: CaseSource.OnlineApplication, referralType: null, missingForSubmission: ['documents'], facts: {} });

describe('pendingActions', () => {
  it('asks an applicant to submit a draft even while it is incomplete, and to resubmit a returned one', () => {
    expect(pendingActions(availableActions(ctx(CaseStatus.Draft), [CaseRole.Applicant]))).toEqual(['submit']);
    expect(pendingActions(availableActions(ctx(CaseStatus.NeedsCorrection), [CaseRole.Applicant]))).toEqual(['resubmit']);
  });

  it('asks nothing of an applicant whose case waits on others', () => {
    expect(pendingActions(availableActions(ctx(CaseStatus.Submitted), [CaseRole.Applicant]))).toEqual([]);
  });
});
