import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import type { Job } from 'bullmq';
import { CaseEventLog } from '../../cases/case-event-log.service';
import { Case } from '../../cases/entities/case.entity';
import { CaseRole } from '../../cases/lifecycle/case-roles';
import type { UpcomingTransition } from '../../cases/prepared-transition';
import { StaleRead } from '../../common/stale-read';
import { PrepareTransitionEffect, TransitionEffect } from '../../cases/transition-effects.service';
import type { WrittenTransition } from '../../cases/written-transition';
import type { Environment } from '../../config/environment';
import { DocumentKind, DocumentVisibility } from '../../documents/document.entity';
import { DocumentsService, type PreparedDocument } from '../../documents/documents.service';
import { Clock } from '../../infrastructure/clock/clock';
import { JobHandler } from '../../infrastructure/queue/job-handler.decorator';
import { JobName } from '../../infrastructure/queue/queue-names';
import { Outbox } from '../../outbox/outbox.service';
import { ALL_CHANNELS, channelSide } from './channels';
import { channelTranscript } from './transcript';

/**
 * When a case closes, each channel's messages are filed as a text document in the channel's
 * tier (the joint channel: mediation_confidential; a caucus: that side's own_side_and_mediator),
 * recorded in the closing transaction (written and stored just before it), so the archive job that follows seals them for the channel's
 * members only (docs/procedural-rules.md G29, B10).
 */
@Injectable()
export class MessageTranscripts {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly documents: DocumentsService,
    private readonly clock: Clock,
    private readonly events: CaseEventLog,
    private readonly outbox: Outbox,
    private readonly config: ConfigService<Environment, true>,
  ) {}

  /** Before the closing transaction: each channel's transcript, written and stored while no lock is held. */
  @PrepareTransitionEffect('messages.sealTranscripts', { required: false })
  async prepareTranscripts(upcoming: UpcomingTransition): Promise<PreparedTranscripts> {
    return this.write(upcoming.case);
  }

  /**
   * A closing fired inside another step's transaction (a court's confirmation that completes
   * performance closes the case from within its own effect) had nothing prepared: its transcripts
   * are filed by this job after it commits. The messages are frozen by then (a closed case takes
   * none), and the archive job waits for the transcripts.
   */
  @JobHandler(JobName.SealTranscripts)
  async sealLater(job: Job<{ caseId: string }>): Promise<{ filed: number }> {
    const c = await this.db.getRepository(Case).findOneByOrFail({ id: job.data.caseId });
    const transcripts = await this.write(c);
    return this.db.transaction(async (tx) => {
      await this.events.lockCase(tx, c.id);
      const [filed] = (await tx.query(`SELECT 1 FROM documents WHERE case_id = $1 AND kind = 'message_transcript' LIMIT 1`, [c.id])) as unknown[];
      if (filed) return { filed: 0 };
      await this.record(tx, c, transcripts);
      return { filed: transcripts.documents.length };
    });
  }

  private async write(c: Case): Promise<PreparedTranscripts> {
    const rows = (await this.db.query(
      `SELECT m.seq, m.channel, m.author_role, m.text, m.attachment_ids, m.created_at, u.display_name
         FROM mediation_messages m JOIN users u ON u.id = m.author_id
        WHERE m.case_id = $1 ORDER BY m.seq`,
      [c.id],
    )) as { seq: string; channel: string; author_role: string; text: string; attachment_ids: string[]; created_at: Date; display_name: string }[];
    const lastSeq = rows.length > 0 ? Number(rows[rows.length - 1].seq) : null;
    if (rows.length === 0) return { lastSeq, documents: [] };
    const attachmentIds = [...new Set(rows.flatMap((r) => r.attachment_ids))];
    const names =
      attachmentIds.length > 0
        ? ((await this.db.query(`SELECT id, filename FROM documents WHERE id = ANY($1::uuid[])`, [attachmentIds])) as { id: string; filename: string }[])
        : [];
    // The transcript is dated when it is written, a moment before the closing it belongs to.
    const closedAt = this.clock.now();
    const documents: PreparedDocument[] = [];
    for (const channel of ALL_CHANNELS) {
      const messages = rows.filter((r) => r.channel === channel);
      if (messages.length === 0) continue;
      const side = channelSide(channel);
      const text = channelTranscript({
        caseNumber: c.number,
        channel,
        closedAt,
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
      documents.push(
        await this.documents.prepareGenerated({
          caseId: c.id,
          kind: DocumentKind.MessageTranscript,
          visibility: side ? DocumentVisibility.OwnSideAndMediator : DocumentVisibility.MediationConfidential,
          side: side ?? undefined,
          filename: `transcript-${channel}-${c.number}.txt`,
          contentType: 'text/plain; charset=utf-8',
          bytes: Buffer.from(text, 'utf8'),
          actorId: null,
          actorRole: CaseRole.System,
        }),
      );
    }
    return { lastSeq, documents };
  }

  /** A closed case's mediation messages are sealed into transcripts, one per channel, kept with the case's documents. */
  @TransitionEffect('messages.sealTranscripts')
  async sealTranscripts(tx: EntityManager, fired: WrittenTransition): Promise<void> {
    const transcripts = fired.prepared as PreparedTranscripts | undefined;
    if (!transcripts) {
      await this.outbox.add(tx, { job: JobName.SealTranscripts, data: { caseId: fired.case.id } });
      return;
    }
    await this.record(tx, fired.case, transcripts);
  }

  private async record(tx: EntityManager, c: { id: string; version: number }, transcripts: PreparedTranscripts): Promise<void> {
    // Posting a message locks the case too, so under the lock the last message is final.
    const [last] = (await tx.query(`SELECT max(seq) AS seq FROM mediation_messages WHERE case_id = $1`, [c.id])) as { seq: string | null }[];
    if ((last.seq === null ? null : Number(last.seq)) !== transcripts.lastSeq) throw new StaleRead(c.version, 'a message arrived after the transcripts were written');
    for (const document of transcripts.documents) await this.documents.recordGenerated(tx, document);
  }
}

/** The transcripts of a closing case, stored before its transaction, and the last message they include. */
interface PreparedTranscripts {
  lastSeq: number | null;
  documents: PreparedDocument[];
}
