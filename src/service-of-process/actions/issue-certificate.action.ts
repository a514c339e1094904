import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { AuthUser } from '../../auth/auth-user';
import { Case } from '../../cases/entities/case.entity';
import { CaseRole } from '../../cases/lifecycle/case-roles';
import { ConflictProblem } from '../../common/errors/problem';
import type { Environment } from '../../config/environment';
import { CaseDocument, DocumentKind, DocumentVisibility } from '../../documents/document.entity';
import { DocumentsService } from '../../documents/documents.service';
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

  /** The electronic service certificate (docs/procedural-rules.md F28) of a completed service; issued once. */
  async run(user: AuthUser, id: string): Promise<CaseDocument> {
    const s = await this.reader.get(user, id);
    if (s.certificateDocumentId) return this.db.getRepository(CaseDocument).findOneByOrFail({ id: s.certificateDocumentId });
    if (!s.effectiveAt) throw new ConflictProblem('The service is not complete yet: a certificate is issued once it is effective');
    return this.db.transaction(async (tx) => {
      await tx.query(`SELECT 1 FROM services WHERE id = $1 FOR UPDATE`, [id]);
      const locked = await this.service.refresh(id, tx);
      if (locked.certificateDocumentId) return tx.findOneByOrFail(CaseDocument, { id: locked.certificateDocumentId });
      const c = await tx.findOneByOrFail(Case, { id: locked.caseId });
      const served = await tx.findOneByOrFail(CaseDocument, { id: locked.documentId });
      const account = locked.recipientUserId
        ? (((await tx.query(`SELECT email FROM users WHERE id = $1`, [locked.recipientUserId])) as { email: string }[])[0]?.email ?? null)
        : null;
      const lang = pdfLanguage(c.preferredLanguage);
      const issuedAt = this.clock.now();
      const pdf = await renderPdf(
        serviceCertificate(
          {
            certificateId: `${c.number}-SC-${locked.id.slice(0, 8)}`,
            service: locked,
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
      const doc = await this.documents.addGeneratedInTransaction(
        {
          caseId: c.id,
          kind: DocumentKind.ServiceCertificate,
          visibility: DocumentVisibility.Court,
          filename: lang === 'zh-CN' ? `送达回证-${c.number}-${locked.id.slice(0, 8)}.pdf` : `certificate-of-service-${c.number}-${locked.id.slice(0, 8)}.pdf`,
          contentType: 'application/pdf',
          bytes: pdf,
          actorId: user.id,
          actorRole: CaseRole.System,
        },
        tx,
      );
      await tx.update(ServiceRecord, { id }, { certificateDocumentId: doc.id });
      return doc;
    });
  }
}
