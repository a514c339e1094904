import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import type { AuthUser } from '../../auth/auth-user';
import { Case } from '../../cases/entities/case.entity';
import { CaseRole } from '../../cases/lifecycle/case-roles';
import { ConflictProblem } from '../../common/errors/problem';
import { requireUnchanged, retryStaleReads } from '../../common/stale-read';
import type { Environment } from '../../config/environment';
import { CaseDocument, DocumentKind, DocumentVisibility } from '../../documents/document.entity';
import { DocumentsService, type GeneratedDocumentInput } from '../../documents/documents.service';
import { Clock } from '../../infrastructure/clock/clock';
import { renderPdf } from '../../infrastructure/pdf/render-pdf';
import { serviceCertificate } from '../service-documents';
import { ServiceOfProcess } from '../service-of-process.service';
import { ServiceReader } from '../service-reader';
import { pdfLanguage } from '../service-recipient';
import { ServiceRecord } from '../service.entity';

@Injectable()
export class IssueCertificate {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly reader: ServiceReader,
    private readonly service: ServiceOfProcess,
    private readonly documents: DocumentsService,
    private readonly clock: Clock,
    private readonly config: ConfigService<Environment, true>,
  ) {}

  /**
   * The electronic service certificate (docs/procedural-rules.md F28) of a completed service; issued
   * once. Rendered and stored before the transaction opens, recorded under the service's lock only
   * if what it was made from still holds; otherwise made again from a fresh read (issue 22, item 4).
   */
  async run(user: AuthUser, id: string): Promise<CaseDocument> {
    return retryStaleReads(async () => {
      const s = await this.reader.get(user, id);
      if (s.certificateDocumentId) return this.db.getRepository(CaseDocument).findOneByOrFail({ id: s.certificateDocumentId });
      if (!s.effectiveAt) throw new ConflictProblem('The service is not complete yet: a certificate is issued once it is effective');
      const read = await this.certificateFacts(this.db.manager, s, this.clock.now());
      const prepared = await this.documents.prepareGenerated(await this.certificate(read, user));
      return this.db.transaction(async (tx) => {
        await tx.query(`SELECT 1 FROM services WHERE id = $1 FOR UPDATE`, [id]);
        const locked = await this.service.refresh(id, tx);
        // Issued meanwhile by someone else: theirs stands, and what was stored here is left to the sweep.
        if (locked.certificateDocumentId) return tx.findOneByOrFail(CaseDocument, { id: locked.certificateDocumentId });
        const now = await this.certificateFacts(tx, locked, read.issuedAt);
        requireUnchanged(read, now, now.c.version);
        const doc = await this.documents.recordGenerated(tx, prepared);
        await tx.update(ServiceRecord, { id }, { certificateDocumentId: doc.id });
        return doc;
      });
    });
  }

  /** What the certificate prints, read through `manager`: without a lock before rendering, again under it. */
  private async certificateFacts(manager: EntityManager, service: ServiceRecord, issuedAt: Date) {
    const c = await manager.findOneByOrFail(Case, { id: service.caseId });
    const served = await manager.findOneByOrFail(CaseDocument, { id: service.documentId });
    const account = service.recipientUserId
      ? (((await manager.query(`SELECT email FROM users WHERE id = $1`, [service.recipientUserId])) as { email: string }[])[0]?.email ?? null)
      : null;
    return { service, c, served: { filename: served.filename, kind: served.kind }, account, issuedAt };
  }

  /** Renders the certificate: CPU-heavy, so never while a transaction holds a lock. */
  private async certificate({ service, c, served, account, issuedAt }: Awaited<ReturnType<IssueCertificate['certificateFacts']>>, user: AuthUser): Promise<GeneratedDocumentInput> {
    const lang = pdfLanguage(c.preferredLanguage);
    const pdf = await renderPdf(
      serviceCertificate(
        {
          certificateId: `${c.number}-SC-${service.id.slice(0, 8)}`,
          service,
          caseNumber: c.number,
          documentName: served.filename,
          documentKind: served.kind,
          recipientAccount: account,
          issuedAt,
          timeZone: this.config.get('PLATFORM_TIMEZONE'),
        },
        lang,
      ),
      lang,
      { timeZone: this.config.get('PLATFORM_TIMEZONE') },
    );
    return {
      caseId: c.id,
      kind: DocumentKind.ServiceCertificate,
      visibility: DocumentVisibility.Court,
      filename: lang === 'zh-CN' ? `送达回证-${c.number}-${service.id.slice(0, 8)}.pdf` : `certificate-of-service-${c.number}-${service.id.slice(0, 8)}.pdf`,
      contentType: 'application/pdf',
      bytes: pdf,
      actorId: user.id,
      actorRole: CaseRole.System,
    };
  }
}
