import { eventChain } from '../../test/support/archive-fixtures';
import { CaseEventRecord } from '../cases/entities/case-event.entity';
import { CaseParty, PartySide } from '../cases/entities/case-party.entity';
import { Case, DisputeType } from '../cases/entities/case.entity';
import { CaseOutcome, CaseSource, CaseStatus } from '../cases/lifecycle/case-states';
import { CaseDocument, DocumentKind, DocumentVisibility } from '../documents/document.entity';
import { archiveCaseInput, archiveDocumentInput, archiveEventInput } from './archive-input.mapper';
import { assertArchivable } from './archive-manifest';

const closedCase = (): Case =>
  Object.assign(new Case(), {
    id: 'c1',
    number: 'ACC-2026-000007',
    status: CaseStatus.Closed,
    source: CaseSource.OnlineApplication,
    referralType: null,
    referralNumber: null,
    title: 'Trademark dispute',
    disputeType: DisputeType.Trademark,
    outcome: CaseOutcome.Fulfilled,
    outcomeReason: null,
    foreignElement: false,
    createdAt: new Date('2026-01-01T00:00:00Z'),
    submittedAt: new Date('2026-01-02T00:00:00Z'),
    closedAt: new Date('2026-02-01T00:00:00Z'),
  });

describe('archive input mapper', () => {
  it('copies the case and its parties without their contact details', () => {
    const party = Object.assign(new CaseParty(), {
      side: PartySide.Applicant,
      position: 1,
      kind: 'person',
      name: '王芳',
      idType: 'resident_id_card',
      idNumber: '110101199001011234',
      phone: '+8613800000000',
      email: 'wang@example.com',
      address: '北京市',
    });
    const input = archiveCaseInput(closedCase(), [party]);
    expect(input).toMatchObject({ number: 'ACC-2026-000007', outcome: 'fulfilled', closedAt: new Date('2026-02-01T00:00:00Z') });
    expect(input.parties).toEqual([{ side: 'applicant', position: 1, kind: 'person', name: '王芳', idType: 'resident_id_card', idNumber: '110101199001011234' }]);
    expect(() => archiveCaseInput(Object.assign(closedCase(), { closedAt: null }), [])).toThrow(/is not closed/);
  });

  it('keeps event rows hashable exactly as stored, confidential flag included', () => {
    const [first] = eventChain(1);
    const row = Object.assign(new CaseEventRecord(), { ...first, caseId: 'c1', confidential: true });
    const event = archiveEventInput(row);
    expect(event).toMatchObject({ sequence: 1, hash: first.hash, algorithm: 'sha256', confidential: true });
    expect(() => assertArchivable({ case: archiveCaseInput(closedCase(), []), events: [event], documents: [] })).not.toThrow();
    expect(() => archiveEventInput(Object.assign(new CaseEventRecord(), { ...row, algorithm: 'md5' }))).toThrow(/unknown algorithm/);
    // A caucus entry stays sealed for that side and the mediator.
    expect(archiveEventInput(Object.assign(new CaseEventRecord(), { ...row, confidentialSide: 'respondent' })).visibleTo).toEqual(['respondent', 'respondent_agent', 'mediator']);
    expect(event.visibleTo).toBeUndefined();
  });

  it('takes a document’s upload time from its row', () => {
    const doc = Object.assign(new CaseDocument(), {
      id: 'd1',
      caseId: 'c1',
      kind: DocumentKind.Evidence,
      visibility: DocumentVisibility.OwnSideAndMediator,
      side: 'respondent',
      filename: 'offer.pdf',
      contentType: 'application/pdf',
      size: 12,
      sha256: 'a'.repeat(64),
      storageKey: 'cases/c1/documents/d1',
      uploadedBy: 'u1',
      supersedesId: null,
      createdAt: new Date('2026-01-05T00:00:00Z'),
    });
    expect(archiveDocumentInput(doc)).toMatchObject({ uploadedAt: new Date('2026-01-05T00:00:00Z'), visibility: 'own_side_and_mediator', side: 'respondent' });
  });
});
