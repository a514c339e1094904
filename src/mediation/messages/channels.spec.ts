import { DocumentVisibility } from '../../documents/document.entity';
import { attachmentProblem, channelSide, channelSides, MediationChannel } from './channels';

describe('mediation channels', () => {
  it('confine each caucus channel to its side; the joint channel to none', () => {
    expect(channelSide(MediationChannel.Joint)).toBeNull();
    expect(channelSide(MediationChannel.ApplicantCaucus)).toBe('applicant');
    expect(channelSide(MediationChannel.RespondentCaucus)).toBe('respondent');
    expect(channelSides(MediationChannel.Joint)).toEqual(['applicant', 'respondent']);
    expect(channelSides(MediationChannel.RespondentCaucus)).toEqual(['respondent']);
  });

  it('take a side’s private document into that side’s caucus only', () => {
    const privateOfApplicant = { visibility: DocumentVisibility.OwnSideAndMediator, side: 'applicant' as const };
    expect(attachmentProblem(privateOfApplicant, MediationChannel.ApplicantCaucus)).toBeUndefined();
    expect(attachmentProblem(privateOfApplicant, MediationChannel.Joint)).toMatch(/private to the applicant side/);
    // The mediator sees both sides' private documents and must not carry one across.
    expect(attachmentProblem(privateOfApplicant, MediationChannel.RespondentCaucus)).toMatch(/only in that side's caucus/);
    for (const visibility of [DocumentVisibility.AllParties, DocumentVisibility.Court, DocumentVisibility.MediationConfidential]) {
      for (const channel of Object.values(MediationChannel)) expect(attachmentProblem({ visibility, side: null }, channel)).toBeUndefined();
    }
  });
});
