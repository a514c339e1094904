import { PartySide } from '../cases/entities/case-party.entity';
import { CaseRole } from '../cases/lifecycle/case-roles';
import { negotiatingSide } from './negotiating-side';

const A = PartySide.Applicant;
const R = PartySide.Respondent;

describe('negotiatingSide', () => {
  it('puts a party and an agent on their own side, in their capacity', () => {
    expect(negotiatingSide([CaseRole.Applicant], { mediatorMayAct: true })).toEqual({ ok: true, side: A, capacity: 'party' });
    expect(negotiatingSide([CaseRole.RespondentAgent], { mediatorMayAct: false })).toEqual({ ok: true, side: R, capacity: 'agent' });
    // A party who is also its own side's agent acts as the party.
    expect(negotiatingSide([CaseRole.ApplicantAgent, CaseRole.Applicant], { mediatorMayAct: true })).toEqual({ ok: true, side: A, capacity: 'party' });
    expect(negotiatingSide([CaseRole.Respondent], { onBehalfOf: R, mediatorMayAct: true })).toEqual({ ok: true, side: R, capacity: 'party' });
  });

  it('refuses a party acting for the other side', () => {
    expect(negotiatingSide([CaseRole.Respondent], { onBehalfOf: A, mediatorMayAct: true })).toMatchObject({ ok: false, status: 403 });
  });

  it('asks someone on both sides to choose', () => {
    expect(negotiatingSide([CaseRole.ApplicantAgent, CaseRole.RespondentAgent], { mediatorMayAct: true })).toMatchObject({ ok: false, status: 400, field: 'onBehalfOf' });
    expect(negotiatingSide([CaseRole.ApplicantAgent, CaseRole.RespondentAgent], { onBehalfOf: R, mediatorMayAct: true })).toEqual({ ok: true, side: R, capacity: 'agent' });
    // Answering an offer implies the side that answers.
    expect(negotiatingSide([CaseRole.ApplicantAgent, CaseRole.RespondentAgent], { implied: A, mediatorMayAct: true })).toEqual({ ok: true, side: A, capacity: 'agent' });
  });

  it('never lets the implied side override a party’s own', () => {
    expect(negotiatingSide([CaseRole.Applicant], { implied: R, mediatorMayAct: true })).toEqual({ ok: true, side: A, capacity: 'party' });
  });

  it('lets the mediator act for a side it names, where it may act at all', () => {
    expect(negotiatingSide([CaseRole.Mediator], { onBehalfOf: R, mediatorMayAct: true })).toEqual({ ok: true, side: R, capacity: 'mediator' });
    expect(negotiatingSide([CaseRole.Mediator], { mediatorMayAct: true })).toMatchObject({ ok: false, status: 400, field: 'onBehalfOf' });
    expect(negotiatingSide([CaseRole.Mediator], { implied: A, mediatorMayAct: true })).toEqual({ ok: true, side: A, capacity: 'mediator' });
    expect(negotiatingSide([CaseRole.Mediator], { onBehalfOf: R, mediatorMayAct: false })).toMatchObject({ ok: false, status: 403 });
  });

  it('refuses everyone else', () => {
    for (const role of [CaseRole.ReferringCourt, CaseRole.Admin, CaseRole.Intake, CaseRole.OfferedMediator]) {
      expect(negotiatingSide([role], { onBehalfOf: A, mediatorMayAct: true })).toMatchObject({ ok: false, status: 403 });
    }
  });
});
