import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { EntityManager } from 'typeorm';
import { CaseRole } from '../../cases/lifecycle/case-roles';
import { TransitionEffect } from '../../cases/transition-effects.service';
import type { WrittenTransition } from '../../cases/written-transition';
import type { Environment } from '../../config/environment';
import { DocumentKind, DocumentVisibility } from '../../documents/document.entity';
import { DocumentsService } from '../../documents/documents.service';
import { ALL_CHANNELS, channelSide } from './channels';
import { channelTranscript } from './transcript';

/**
 * When a case closes, each channel's messages are filed as a text document in the channel's
 * tier (the joint channel: mediation_confidential; a caucus: that side's own_side_and_mediator),
 * in the closing transaction, so the archive job that follows seals them for the channel's
 * members only (docs/procedural-rules.md G29, B10).
 */
@Injectable()
export class MessageTranscripts {
  constructor(
    private readonly documents: DocumentsService,
    private readonly config: ConfigService<Environment, true>,
  ) {}

  /** A closed case's mediation messages are sealed into transcripts, one per channel, kept with the case's documents. */
  @TransitionEffect('messages.sealTranscripts')
  async sealTranscripts(tx: EntityManager, fired: WrittenTransition): Promise<void> {
    const c = fired.case;
    const rows = (await tx.query(
      `SELECT m.seq, m.channel, m.author_role, m.text, m.attachment_ids, m.created_at, u.display_name
         FROM mediation_messages m JOIN users u ON u.id = m.author_id
        WHERE m.case_id = $1 ORDER BY m.seq`,
      [c.id],
    )) as { seq: string; channel: string; author_role: string; text: string; attachment_ids: string[]; created_at: Date; display_name: string }[];
    if (rows.length === 0) return;
    const attachmentIds = [...new Set(rows.flatMap((r) => r.attachment_ids))];
    const names =
      attachmentIds.length > 0 ? ((await tx.query(`SELECT id, filename FROM documents WHERE id = ANY($1::uuid[])`, [attachmentIds])) as { id: string; filename: string }[]) : [];
    for (const channel of ALL_CHANNELS) {
      const messages = rows.filter((r) => r.channel === channel);
      if (messages.length === 0) continue;
      const side = channelSide(channel);
      const text = channelTranscript({
        caseNumber: c.number,
        channel,
        closedAt: fired.occurredAt,
        timeZone: this.config.get('PLATFORM_TIMEZONE'),
        messages: messages.map((m) => ({
          seq: Number(m.seq),
          authorName: m.display_name,
          authorRole: m.author_role,
          text: m.text,
          attachments: m.attachment_ids.map((id) => ({ id, filename: names.find((n) => n.id === id)?.filename ?? '—' })),
          createdAt: new Date(m.created_at),
        })),
      });
      await this.documents.addGeneratedInTransaction(
        {
          caseId: c.id,
          kind: DocumentKind.MessageTranscript,
          visibility: side ? DocumentVisibility.OwnSideAndMediator : DocumentVisibility.MediationConfidential,
          side: side ?? undefined,
          filename: `transcript-${channel}-${c.number}.txt`,
          contentType: 'text/plain; charset=utf-8',
          bytes: Buffer.from(text, 'utf8'),
          actorId: null,
          actorRole: CaseRole.System,
        },
        tx,
      );
    }
  }
}
