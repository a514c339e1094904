import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { Environment } from '../../config/environment';
import { DocumentKind, DocumentVisibility } from '../../documents/document.entity';
import { DocumentsService } from '../../documents/documents.service';
import { Clock } from '../../infrastructure/clock/clock';
import type { PdfLanguage } from '../../infrastructure/pdf/pdf-document.model';
import { renderPdf } from '../../infrastructure/pdf/render-pdf';
import { loadRoomPeople, roomRoleOf } from '../room-people';
import { MediationAttendance, MediationSession, RecordConfirmation } from './session.entity';
import { sessionRecordDocument } from './session-record-document';
import { participantsOf } from './session-rules';
import { MediationSessions, type InSession } from './sessions.service';

/** Freezes a session's confirmed record into its PDF case document: the last step of writing or confirming it. */
@Injectable()
export class SessionRecordFreezer {
  constructor(
    private readonly sessions: MediationSessions,
    private readonly documents: DocumentsService,
    private readonly clock: Clock,
    private readonly config: ConfigService<Environment, true>,
  ) {}

  /**
   * Everyone confirmed: the record becomes a PDF case document, a joint session's for both sides
   * and the mediator only (mediation_confidential), a caucus's for that side and the mediator
   * only (own_side_and_mediator); the court and administrators never see either.
   */
  async freeze({ tx, c, roles, s }: InSession, actorId: string): Promise<void> {
    const lang: PdfLanguage = c.preferredLanguage === 'en' ? 'en' : 'zh-CN';
    const timeZone = this.config.get('PLATFORM_TIMEZONE');
    const people = participantsOf(s.kind, s.side, await loadRoomPeople(tx, c));
    const attendance = await tx.find(MediationAttendance, { where: { sessionId: s.id } });
    const confirmations = await tx.find(RecordConfirmation, { where: { sessionId: s.id, revision: s.recordRevision }, order: { confirmedAt: 'ASC' } });
    const mediatorName = await this.sessions.nameOf(tx, s.mediatorId);
    // Only the room's people confirm a record; a user id must never be printed in its place.
    const nameOf = (userId: string): string => people.find((p) => p.userId === userId)?.name ?? '—';
    const frozenAt = this.clock.now();
    const number = `${c.number}-SR-${s.id.slice(0, 8)}-${s.recordRevision}`;
    const pdf = await renderPdf(
      sessionRecordDocument(
        {
          documentId: number,
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
        },
        lang,
        timeZone,
      ),
      lang,
      { timeZone },
    );
    const doc = await this.documents.addGeneratedInTransaction(
      {
        caseId: c.id,
        kind: DocumentKind.SessionRecord,
        visibility: s.side ? DocumentVisibility.OwnSideAndMediator : DocumentVisibility.MediationConfidential,
        side: s.side ?? undefined,
        filename: `${lang === 'zh-CN' ? (s.side ? '背对背调解笔录' : '调解笔录') : s.side ? 'caucus-record' : 'session-record'}-${number}.pdf`,
        contentType: 'application/pdf',
        bytes: pdf,
        actorId,
        actorRole: roomRoleOf(roles),
      },
      tx,
    );
    await tx.update(MediationSession, { id: s.id }, { recordFrozenAt: frozenAt, recordDocumentId: doc.id });
    await this.sessions.chain(tx, c, s, 'session_record_frozen', actorId, roomRoleOf(roles), { revision: s.recordRevision, recordHash: s.recordHash, documentId: doc.id });
  }
}
