import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In } from 'typeorm';
import { CaseAction } from '../../access/case-access.policy';
import { CaseAccess } from '../../access/case-access.service';
import type { AuthUser } from '../../auth/auth-user';
import { CaseEventLog } from '../../cases/case-event-log.service';
import { ConflictProblem, ValidationProblem } from '../../common/errors/problem';
import { retryStaleReads } from '../../common/stale-read';
import { Idempotency, type IdempotentRequest } from '../../common/idempotency/idempotency.service';
import type { HashAlgorithm } from '../../common/hashing/hash-algorithm';
import { Clock } from '../../infrastructure/clock/clock';
import { loadCaseAudiences } from '../../notifications/case-audiences';
import { Audience, resolveRecipients } from '../../notifications/lifecycle-notifications';
import { CONFIRMATION_CONSENT_TEMPLATE } from '../../notifications/notification-templates';
import { Notifier } from '../../notifications/notifier.service';
import { effectiveAgreement } from '../case-settlement';
import { ApplicationStatus, ConfirmationApplication, MaterialRole, OPEN_APPLICATION } from '../confirmation-application.entity';
import { ConfirmationConsents, type PreparedApplication } from '../confirmation-consents';
import { ConfirmationReader } from '../confirmation-reader';
import { ConfirmationService, isParty } from '../confirmation.service';
import type { RequestOrigin } from '../../common/request-origin';

@Injectable()
export class ApplyForConfirmation {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly access: CaseAccess,
    private readonly events: CaseEventLog,
    private readonly confirmation: ConfirmationService,
    private readonly consents: ConfirmationConsents,
    private readonly reader: ConfirmationReader,
    private readonly notifier: Notifier,
    private readonly idempotency: Idempotency,
    private readonly clock: Clock,
  ) {}

  /**
   * A party starts the joint application, naming the court; its own consent is given by starting
   * it. Refused, saying why, when the agreement confirms ownership (确权) or the window passed.
   */
  async run(
    user: AuthUser,
    caseId: string,
    body: { courtId: string; subjectMatterRegion?: string; documentIds?: string[] },
    origin: RequestOrigin,
    idem: IdempotentRequest | undefined,
  ): Promise<string> {
    const previous = await this.idempotency.previous(idem, 'confirmation_application');
    if (previous) return previous;
    return retryStaleReads(async () => {
      const now = this.clock.now();
      const id = randomUUID();
      const prepared = await this.prepareLodging(user, caseId, body, id, now);
      return this.start(user, caseId, body, origin, idem, id, now, prepared);
    });
  }

  /**
   * Read without the lock: when starting the application gives the last consent (the person acts
   * for every party), the application PDF lodging serves on the court, rendered and stored now.
   */
  private async prepareLodging(user: AuthUser, caseId: string, body: { courtId: string; subjectMatterRegion?: string; documentIds?: string[] }, id: string, now: Date) {
    const manager = this.db.manager;
    const { case: c, roles } = await this.access.require(user, caseId, CaseAction.ApplyForConfirmation, manager);
    const version = await effectiveAgreement(manager, caseId);
    const chosen = (await this.reader.optionsFor(manager, c, body.subjectMatterRegion)).find((o) => o.courtId === body.courtId);
    if (!version || !chosen) return null;
    return this.consents.prepareLodging(manager, { id, courtId: chosen.courtId, agreementVersionId: version.id }, c, version, user, roles, now, [
      ...new Set(body.documentIds ?? []),
    ]);
  }

  private async start(
    user: AuthUser,
    caseId: string,
    body: { courtId: string; subjectMatterRegion?: string; documentIds?: string[] },
    origin: RequestOrigin,
    idem: IdempotentRequest | undefined,
    id: string,
    now: Date,
    prepared: PreparedApplication | null,
  ): Promise<string> {
    return this.db.transaction(async (tx) => {
      await this.events.lockCase(tx, caseId);
      const { case: c, roles } = await this.access.require(user, caseId, CaseAction.ApplyForConfirmation, tx);
      const version = await effectiveAgreement(tx, caseId);
      this.consents.refuseUnlessApplicable(c, version, []);
      const options = await this.reader.optionsFor(tx, c, body.subjectMatterRegion);
      const chosen = options.find((o) => o.courtId === body.courtId);
      if (!chosen) {
        const allowed = options.map((o) => `${o.name} (${o.courtId})`).join(', ') || 'none: add the subject matter’s region (subjectMatterRegion) or ask an administrator';
        throw new ValidationProblem([{ field: 'courtId', rule: 'isAllowedCourt', message: `courtId is not a court this application may go to (rule D16); allowed: ${allowed}` }]);
      }
      const open = await tx.count(ConfirmationApplication, { where: { caseId, status: In(OPEN_APPLICATION) } });
      if (open > 0) throw new ConflictProblem('An application for confirmation of this case is already open: consent to it, or withdraw it first');
      const uploads = await this.confirmation.checkMaterials(tx, roles, caseId, body.documentIds ?? [], user.id, null, 'documentIds');
      const app = await tx.save(ConfirmationApplication, {
        id,
        caseId,
        agreementVersionId: version!.id,
        courtId: chosen.courtId,
        courtGrounds: chosen.grounds,
        subjectMatterRegion: body.subjectMatterRegion ?? null,
        status: ApplicationStatus.CollectingConsents,
        startedBy: user.id,
        startedAt: now,
        createdAt: now,
        updatedAt: now,
      });
      await this.confirmation.addMaterials(tx, app.id, uploads, MaterialRole.PartyUpload, user.id);
      await this.events.append(tx, caseId, c.hashAlgorithm as HashAlgorithm, {
        type: 'confirmation_application_started',
        actorId: user.id,
        actorRole: roles.find((r) => isParty([r]))!,
        payload: { applicationId: app.id, courtId: chosen.courtId, grounds: chosen.grounds, agreementVersionId: version!.id, documentIds: uploads },
      });
      await this.idempotency.record(tx, idem, 'confirmation_application', app.id);
      const consented = await this.consents.recordConsent(tx, app, c, version!, user, roles, origin, now, prepared);
      if (!consented.lodged) {
        const people = await loadCaseAudiences(tx, c, [Audience.ApplicantSide, Audience.RespondentSide]);
        await this.notifier.notify(tx, {
          userIds: resolveRecipients([Audience.ApplicantSide, Audience.RespondentSide], people, user.id),
          known: people.contacts,
          template: CONFIRMATION_CONSENT_TEMPLATE,
          caseId,
          data: {
            caseId,
            caseNumber: c.number,
            caseTitle: c.title,
            courtName: chosen.name,
            applicationId: app.id,
            dueAt: this.confirmation.windowOf(version!).closesAt.toISOString(),
          },
        });
      }
      return app.id;
    });
  }
}
