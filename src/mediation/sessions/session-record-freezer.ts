import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { canSeeMediationContent, type CaseAction } from '../../access/case-access.policy';
import { CaseAccess } from '../../access/case-access.service';
import type { AuthUser } from '../../auth/auth-user';
import { Case } from '../../cases/entities/case.entity';
import type { CaseRole } from '../../cases/lifecycle/case-roles';
import { NotFoundProblem } from '../../common/errors/problem';
import { requireUnchanged, StaleRead } from '../../common/stale-read';
import type { Environment } from '../../config/environment';
import { DocumentKind, DocumentVisibility } from '../../documents/document.entity';
import { DocumentsService, type PreparedDocument } from '../../documents/documents.service';
import type { PdfLanguage } from '../../infrastructure/pdf/pdf-document.model';
import { renderPdf } from '../../infrastructure/pdf/render-pdf';
import { loadRoomPeople, roomRoleOf } from '../room-people';
import { MediationAttendance, MediationSession, RecordConfirmation } from './session.entity';
import { sessionRecordDocument, type SessionRecordInput } from './session-record-document';
import { participantsOf } from './session-rules';
import { MediationSessions, type InSession } from './sessions.service';

/** The case and session as an action reads them without the lock, to foresee whether it freezes the record. */
export interface UnlockedSession {
  manager: EntityManager;
  c: Case;
  roles: CaseRole[];
  s: MediationSession;
}

/** A confirmation about to be given in the same transaction as the freeze. */
export interface ComingConfirmation {
  userId: string;
  confirmedAt: Date;
}

/** What the frozen record prints, and its PDF, stored before the transaction that freezes it. */
export interface PreparedRecord {
  facts: RecordFacts;
  document: PreparedDocument;
}

interface RecordFacts {
  caseVersion: number;
  caseStatus: string;
  lang: PdfLanguage;
  input: SessionRecordInput;
}

/**
 * Freezes a session's confirmed record into its PDF case document: the last step of writing or
 * confirming it. The PDF is rendered and stored before the action's transaction opens (issue 22,
 * item 4: nothing CPU-heavy or external while the case lock is held); under the lock the freeze
 * only records it, if what it was made from still holds.
 */
@Injectable()
export class SessionRecordFreezer {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly access: CaseAccess,
    private readonly sessions: MediationSessions,
    private readonly documents: DocumentsService,
    private readonly config: ConfigService<Environment, true>,
  ) {}

  /** The case and session as MediationSessions.inSession reads them under the lock, read without it. */
  async read(user: AuthUser, caseId: string, sessionId: string, action: CaseAction): Promise<UnlockedSession> {
    const manager = this.db.manager;
    const { roles } = await this.access.require(user, caseId, action, manager);
    const c = await manager.findOneByOrFail(Case, { id: caseId });
    const s = await manager.findOne(MediationSession, { where: { id: sessionId, caseId } });
    if (!s || !canSeeMediationContent(roles, s.side)) throw new NotFoundProblem(`No session ${sessionId} in this case`);
    return { manager, c, roles, s };
  }

  /**
   * Before the transaction: render the record as it will be frozen (`s` as the action will leave
   * it, `coming` the confirmation it is about to give) and store the PDF.
   */
  async prepare(read: UnlockedSession, s: MediationSession, frozenAt: Date, actorId: string, coming?: ComingConfirmation): Promise<PreparedRecord> {
    const facts = await this.facts(read.manager, read.c, s, frozenAt, coming);
    const { input, lang } = facts;
    const pdf = await renderPdf(sessionRecordDocument(input, lang, this.config.get('PLATFORM_TIMEZONE')), lang, { timeZone: this.config.get('PLATFORM_TIMEZONE') });
    const document = await this.documents.prepareGenerated({
      caseId: read.c.id,
      kind: DocumentKind.SessionRecord,
      visibility: s.side ? DocumentVisibility.OwnSideAndMediator : DocumentVisibility.MediationConfidential,
      side: s.side ?? undefined,
      filename: `${lang === 'zh-CN' ? (s.side ? '背对背调解笔录' : '调解笔录') : s.side ? 'caucus-record' : 'session-record'}-${input.documentId}.pdf`,
      contentType: 'application/pdf',
      bytes: pdf,
      actorId,
      actorRole: roomRoleOf(read.roles),
    });
    return { facts, document };
  }

  /**
   * Everyone confirmed: the record becomes a PDF case document, a joint session's for both sides
   * and the mediator only (mediation_confidential), a caucus's for that side and the mediator
   * only (own_side_and_mediator); the court and administrators never see either. Without a
   * prepared PDF, or when it was made from facts that changed, the action starts again from its read.
   */
  async freeze({ tx, c, roles, s }: InSession, actorId: string, prepared: PreparedRecord | null): Promise<void> {
    if (!prepared) throw new StaleRead(c.version);
    const frozenAt = prepared.facts.input.frozenAt;
    requireUnchanged(prepared.facts, await this.facts(tx, c, s, frozenAt), c.version);
    const doc = await this.documents.recordGenerated(tx, prepared.document);
    await tx.update(MediationSession, { id: s.id }, { recordFrozenAt: frozenAt, recordDocumentId: doc.id });
    await this.sessions.chain(tx, c, s, 'session_record_frozen', actorId, roomRoleOf(roles), { revision: s.recordRevision, recordHash: s.recordHash, documentId: doc.id });
  }

  /** What the frozen record prints, read through `manager`: without the lock to render it, again under it. */
  private async facts(manager: EntityManager, c: Case, s: MediationSession, frozenAt: Date, coming?: ComingConfirmation): Promise<RecordFacts> {
    const lang: PdfLanguage = c.preferredLanguage === 'en' ? 'en' : 'zh-CN';
    const people = participantsOf(s.kind, s.side, await loadRoomPeople(manager, c));
    const attendance = await manager.find(MediationAttendance, { where: { sessionId: s.id } });
    const given = await manager.find(RecordConfirmation, { where: { sessionId: s.id, revision: s.recordRevision }, order: { confirmedAt: 'ASC' } });
    const confirmations = [...given.map((r) => ({ userId: r.userId, confirmedAt: r.confirmedAt })), ...(coming && !given.some((r) => r.userId === coming.userId) ? [coming] : [])];
    // Ordered by time, ties by person, so the read without the lock and the one under it agree.
    confirmations.sort((a, b) => a.confirmedAt.getTime() - b.confirmedAt.getTime() || a.userId.localeCompare(b.userId));
    const mediatorName = await this.sessions.nameOf(manager, s.mediatorId);
    // Only the room's people confirm a record; a user id must never be printed in its place.
    const nameOf = (userId: string): string => people.find((p) => p.userId === userId)?.name ?? '—';
    const input: SessionRecordInput = {
      documentId: `${c.number}-SR-${s.id.slice(0, 8)}-${s.recordRevision}`,
      caseNumber: c.number,
      caseTitle: c.title,
      kind: s.kind,
      side: s.side,
      startedAt: s.startedAt,
      endedAt: s.endedAt,
      mediatorName,
      attendance: people.map((p) => {
        const a = attendance.find((x) => x.userId === p.userId);
        return { name: p.name, side: p.side, agent: p.capacity === 'agent', joinedAt: a?.joinedAt ?? null, absent: a?.status === 'absent' };
      }),
      text: s.recordText!,
      revision: s.recordRevision,
      recordHash: s.recordHash!,
      writtenAt: s.recordWrittenAt!,
      confirmations: confirmations.map((r) => ({ name: nameOf(r.userId), confirmedAt: r.confirmedAt })),
      frozenAt,
    };
    return { caseVersion: c.version, caseStatus: c.status, lang, input };
  }
}
