import type { CaseEventRecord } from '../cases/entities/case-event.entity';
import type { CaseParty } from '../cases/entities/case-party.entity';
import type { Case } from '../cases/entities/case.entity';
import { APPLICANT_SIDE, CaseRole, RESPONDENT_SIDE } from '../cases/lifecycle/case-roles';
import { isHashAlgorithm } from '../common/hashing/hash-algorithm';
import type { CaseDocument } from '../documents/document.entity';
import { ArchiveInputError, type ArchiveCaseInput, type ArchiveDocumentInput, type ArchiveEventInput } from './archive-manifest';

/**
 * From the rows the archive job loads to the writer's input. Only what the record needs is
 * copied: party contact details (phone, e-mail, address) stay in the database, identity
 * numbers go into the archive because a case file identifies its parties.
 */

export function archiveCaseInput(c: Case, parties: readonly CaseParty[]): ArchiveCaseInput {
  if (c.outcome === null || c.closedAt === null) throw new ArchiveInputError(`case ${c.number} is not closed`);
  return {
    id: c.id,
    number: c.number,
    title: c.title,
    disputeType: c.disputeType,
    source: c.source,
    referralType: c.referralType,
    referralNumber: c.referralNumber,
    outcome: c.outcome,
    outcomeReason: c.outcomeReason,
    foreignElement: c.foreignElement,
    parties: parties.map((p) => ({ side: p.side, position: p.position, kind: p.kind, name: p.name, idType: p.idType, idNumber: p.idNumber })),
    createdAt: c.createdAt,
    submittedAt: c.submittedAt,
    closedAt: c.closedAt,
  };
}

export function archiveEventInput(r: CaseEventRecord): ArchiveEventInput {
  if (!isHashAlgorithm(r.algorithm)) throw new ArchiveInputError(`event ${r.sequence} has an unknown algorithm "${r.algorithm}"`);
  return {
    sequence: r.sequence,
    type: r.type,
    actorId: r.actorId,
    actorRole: r.actorRole,
    occurredAt: r.occurredAt,
    payload: r.payload,
    prevHash: r.prevHash,
    hash: r.hash,
    algorithm: r.algorithm,
    confidential: r.confidential,
    // A caucus entry stays with that side and the mediator, as it did in the timeline.
    ...(r.confidentialSide && { visibleTo: [...(r.confidentialSide === 'applicant' ? APPLICANT_SIDE : RESPONDENT_SIDE), CaseRole.Mediator] }),
  };
}

export function archiveDocumentInput(d: CaseDocument): ArchiveDocumentInput {
  return {
    id: d.id,
    kind: d.kind,
    visibility: d.visibility,
    side: d.side,
    filename: d.filename,
    contentType: d.contentType,
    size: d.size,
    sha256: d.sha256,
    storageKey: d.storageKey,
    uploadedBy: d.uploadedBy,
    uploadedAt: d.createdAt,
    supersedesId: d.supersedesId,
  };
}
