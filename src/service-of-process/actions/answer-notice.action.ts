import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { CaseAction } from '../../access/case-access.policy';
import { CaseAccess } from '../../access/case-access.service';
import type { AuthUser } from '../../auth/auth-user';
import { CaseEventLog } from '../../cases/case-event-log.service';
import { CaseTransitions, type FireTransition } from '../../cases/case-transitions.service';
import { recordEServiceConsents } from '../../cases/e-service-consents';
import { CaseParty, EServiceConsentBasis } from '../../cases/entities/case-party.entity';
import type { Case } from '../../cases/entities/case.entity';
import { CaseRole } from '../../cases/lifecycle/case-roles';
import type { HashAlgorithm } from '../../common/hashing/hash-algorithm';
import { OfflineStep } from '../../cases/offline-steps';
import { OfflineSteps } from '../../cases/offline-steps.service';
import { consentByConduct, type ActedService } from '../consent-by-conduct';
import { CaseEvent } from '../../cases/lifecycle/case-lifecycle';
import { ConflictProblem, ForbiddenProblem, IdentityVerificationRequiredProblem } from '../../common/errors/problem';
import { Clock } from '../../infrastructure/clock/clock';
import { ServiceOfProcess } from '../service-of-process.service';
import type { RequestOrigin } from '../../common/request-origin';
import { ServicePurpose } from '../service.entity';

@Injectable()
export class AnswerNotice {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly access: CaseAccess,
    private readonly transitions: CaseTransitions,
    private readonly service: ServiceOfProcess,
    private readonly clock: Clock,
    private readonly events: CaseEventLog,
    private readonly offline: OfflineSteps,
  ) {}

  /**
   * A respondent's answer to the notice of mediation (docs/procedural-rules.md A3), by the respondent or its
   * agent with a verified identity. Agree → respondent_agree, and once every respondent agreed,
   * start_mediation; decline → respondent_decline (court referrals go back to the court). With the
   * answer the respondent gives or refuses its consent to online handling (docs/procedural-rules.md
   * A1); and answering a notice served electronically, without a consent to e-service on record, is
   * that consent shown by conduct (F26).
   */
  async run(user: AuthUser, caseId: string, body: { agree: boolean; reason?: string; consentOnline?: boolean }, origin: RequestOrigin): Promise<{ status: string }> {
    const actor = { kind: 'user' as const, user };
    const answer: FireTransition = { caseId, event: body.agree ? CaseEvent.RespondentAgree : CaseEvent.RespondentDecline, actor, triggers: ['feature'] };
    // A decline closes the case: what closing files (transcripts) is made before the transaction.
    return this.transitions.preparedTransaction(answer, async (tx, prepared) => {
      const { roles } = await this.access.require(user, caseId, CaseAction.AnswerNotice, tx);
      if (!user.identityVerified) throw new IdentityVerificationRequiredProblem('answering the notice of mediation', 'rule A6');
      const own = (await tx.query(
        `SELECT id FROM case_parties WHERE case_id = $1 AND side = 'respondent' AND user_id = $2
         UNION SELECT party_id FROM case_agents WHERE case_id = $1 AND side = 'respondent' AND user_id = $2`,
        [caseId, user.id],
      )) as { id: string }[];
      const partyId = own[0]?.id;
      if (!partyId) throw new ForbiddenProblem('You do not act for a respondent of this case');
      const answered = (await tx.query(`SELECT 1 FROM respondent_answers WHERE case_id = $1 AND party_id = $2`, [caseId, partyId])) as unknown[];
      if (answered.length > 0) throw new ConflictProblem('This respondent has already answered');
      const fired = await this.transitions.fire({ ...answer, payload: { partyId, ...(body.reason ? { reason: body.reason } : {}) }, prepared }, tx);
      const now = this.clock.now();
      await tx.query(`INSERT INTO respondent_answers (case_id, party_id, user_id, agree, reason, ip, user_agent, answered_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`, [
        caseId,
        partyId,
        user.id,
        body.agree,
        body.reason ?? null,
        origin.ip,
        origin.userAgent?.slice(0, 500) ?? null,
        now,
      ]);
      // Answering is acting on the service (docs/procedural-rules.md F27): it completes it, whatever the address.
      const served = (await tx.query(`UPDATE services SET acted_at = $3 WHERE case_id = $1 AND party_id = $2 AND purpose = $4 AND acted_at IS NULL RETURNING id`, [
        caseId,
        partyId,
        now,
        ServicePurpose.NoticeOfMediation,
      ])) as [{ id: string }[], number];
      for (const row of served[0]) await this.service.refresh(row.id, tx);
      const role = roles.includes(CaseRole.Respondent) ? CaseRole.Respondent : CaseRole.RespondentAgent;
      await this.recordConsents(tx, fired.case, partyId, { user, role, consentOnline: body.consentOnline, origin });
      if (!body.agree) return { status: fired.case.status };
      const [{ waiting }] = (await tx.query(
        `SELECT count(*)::int AS waiting FROM case_parties p WHERE p.case_id = $1 AND p.side = 'respondent'
         AND NOT EXISTS (SELECT 1 FROM respondent_answers a WHERE a.party_id = p.id AND a.agree)`,
        [caseId],
      )) as { waiting: number }[];
      if (waiting > 0) return { status: fired.case.status };
      const started = await this.transitions.fire(
        {
          caseId,
          event: CaseEvent.StartMediation,
          actor: { kind: 'system', reason: 'every respondent agreed to mediate' },
          facts: { allRespondentsAgreed: true },
          triggers: ['feature'],
        },
        tx,
      );
      return { status: started.case.status };
    });
  }

  /** The respondent's consents, as its answer gives them (A1) or its conduct shows them (F26), into the case's chain. */
  private async recordConsents(
    tx: EntityManager,
    c: Case,
    partyId: string,
    answer: { user: AuthUser; role: CaseRole; consentOnline: boolean | undefined; origin: RequestOrigin },
  ): Promise<void> {
    const now = this.clock.now();
    const algorithm = c.hashAlgorithm as HashAlgorithm;
    const { user, role, consentOnline, origin } = answer;
    if (consentOnline !== undefined) {
      await tx.update(CaseParty, { id: partyId }, { consentOnline });
      await this.events.append(
        tx,
        c.id,
        algorithm,
        { type: 'online_consent_recorded', actorId: user.id, actorRole: role, payload: { partyId, consentOnline, ip: origin.ip, userAgent: origin.userAgent } },
        now,
      );
      // Online handling can't be forced (OLR 2(2)): every step of this party is handled offline.
      if (!consentOnline) {
        await this.offline.record(tx, c, { step: OfflineStep.All, partyId, reason: 'The party refused online handling', decidedBy: user.id, decidedRole: role });
        // Nor is its answer a consent to electronic service by conduct: it asked for paper.
        return;
      }
    }
    const party = await tx.findOneByOrFail(CaseParty, { id: partyId });
    const services = (await tx.query(
      `SELECT id, read_via AS "readVia", acted_at AS "actedAt", addresses FROM services WHERE case_id = $1 AND party_id = $2 AND acted_at IS NOT NULL ORDER BY created_at`,
      [c.id, partyId],
    )) as ActedService[];
    const shown = consentByConduct(party.consentEService, services);
    if (!shown) return;
    await tx.update(CaseParty, { id: partyId }, { consentEService: true, eServiceBasis: EServiceConsentBasis.ByConduct });
    await recordEServiceConsents(tx, {
      caseId: c.id,
      partyId,
      addresses: shown.addresses,
      basis: EServiceConsentBasis.ByConduct,
      givenBy: user.id,
      serviceId: shown.serviceId,
      at: now,
    });
    await this.events.append(
      tx,
      c.id,
      algorithm,
      {
        type: 'e_service_consent_recorded',
        actorId: user.id,
        actorRole: role,
        payload: { partyId, basis: EServiceConsentBasis.ByConduct, serviceId: shown.serviceId, addresses: shown.addresses },
      },
      now,
    );
  }
}
