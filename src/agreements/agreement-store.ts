import type { EntityManager } from 'typeorm';
import { PartySide } from '../cases/entities/case-party.entity';
import { AgreementSignature } from './agreement-signature.entity';
import { AgreementVersionRecord, AgreementVersionStatus } from './agreement-version.entity';
import type { CaseSigners } from './signature-codes';
import type { StoredSignature } from './signatures';

/** Reads and writes of the agreement tables shared by drafting, signing and reading. */

export interface CaseSignerRows extends CaseSigners {
  parties: { id: string; userId: string | null; side: PartySide; name: string }[];
  agents: { partyId: string; userId: string; name: string }[];
  mediatorId: string | null;
  mediatorName: string | null;
}

/** The case's parties, agents and mediator: who must sign and who may sign for whom. */
export async function loadCaseSigners(tx: EntityManager, caseId: string): Promise<CaseSignerRows> {
  const parties = (await tx.query(`SELECT id, user_id, side, name FROM case_parties WHERE case_id = $1 ORDER BY side, position`, [caseId])) as {
    id: string;
    user_id: string | null;
    side: PartySide;
    name: string;
  }[];
  const agents = (await tx.query(`SELECT a.party_id, a.user_id, u.display_name FROM case_agents a JOIN users u ON u.id = a.user_id WHERE a.case_id = $1 ORDER BY a.created_at`, [
    caseId,
  ])) as { party_id: string; user_id: string; display_name: string }[];
  const [mediator] = (await tx.query(`SELECT u.id, u.display_name FROM cases c JOIN users u ON u.id = c.mediator_id WHERE c.id = $1`, [caseId])) as {
    id: string;
    display_name: string;
  }[];
  return {
    parties: parties.map((p) => ({ id: p.id, userId: p.user_id, side: p.side, name: p.name })),
    agents: agents.map((a) => ({ partyId: a.party_id, userId: a.user_id, name: a.display_name })),
    mediatorId: mediator?.id ?? null,
    mediatorName: mediator?.display_name ?? null,
  };
}

/** The version being signed or in effect, if any (at most one: a partial unique index). */
export function liveVersion(tx: EntityManager, caseId: string, lock = false): Promise<AgreementVersionRecord | null> {
  const q = tx.getRepository(AgreementVersionRecord).createQueryBuilder('v').where('v.case_id = :caseId AND v.status <> :void', { caseId, void: AgreementVersionStatus.Void });
  return (lock ? q.setLock('pessimistic_write') : q).getOne();
}

/** A stored signature as signatures.ts sees it. */
export function storedSignature(s: AgreementSignature): StoredSignature {
  return {
    signerId: s.signerId,
    signerName: s.signerName,
    signerRole: s.signerRole,
    partyId: s.partyId,
    agreementHash: s.agreementHash,
    hashAlgorithm: s.hashAlgorithm as StoredSignature['hashAlgorithm'],
    signedAt: s.signedAt,
    ip: s.ip,
    userAgent: s.userAgent,
    oneTimeCode: { codeId: s.codeId, channel: s.codeChannel, destination: s.codeDestination, verifiedAt: s.codeVerifiedAt },
    digest: s.digest,
  };
}

/**
 * Voids a version that is no longer to be signed (docs/procedural-rules.md C12): a change makes a new version,
 * and every signature already on this one loses its effect; unused codes for it stop working.
 */
export async function voidVersion(tx: EntityManager, versionId: string, reason: string, at: Date): Promise<void> {
  await tx.query(`UPDATE agreement_versions SET status = 'void', voided_at = $2, void_reason = $3 WHERE id = $1 AND status = 'signing'`, [versionId, at, reason]);
  await tx.query(`UPDATE agreement_signatures SET voided_at = $2 WHERE version_id = $1 AND voided_at IS NULL`, [versionId, at]);
  await tx.query(`UPDATE signature_codes SET superseded_at = $2 WHERE version_id = $1 AND used_at IS NULL AND superseded_at IS NULL`, [versionId, at]);
}
