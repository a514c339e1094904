import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { CaseAction } from '../../access/case-access.policy';
import { CaseAccess } from '../../access/case-access.service';
import type { AuthUser } from '../../auth/auth-user';
import { CaseTransitions, type FireTransition } from '../../cases/case-transitions.service';
import { CaseEvent } from '../../cases/lifecycle/case-lifecycle';
import { ConflictProblem, ForbiddenProblem, IdentityVerificationRequiredProblem } from '../../common/errors/problem';
import { Clock } from '../../infrastructure/clock/clock';
import { ServiceOfProcess, type RequestOrigin } from '../service-of-process.service';
import { ServicePurpose } from '../service.entity';

@Injectable()
export class AnswerNotice {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly access: CaseAccess,
    private readonly transitions: CaseTransitions,
    private readonly service: ServiceOfProcess,
    private readonly clock: Clock,
  ) {}

  /**
   * A respondent's answer to the notice of mediation (docs/procedural-rules.md A3), by the respondent or its
   * agent with a verified identity. Agree → respondent_agree, and once every respondent agreed,
   * start_mediation; decline → respondent_decline (court referrals go back to the court).
   */
  async run(user: AuthUser, caseId: string, body: { agree: boolean; reason?: string }, origin: RequestOrigin): Promise<{ status: string }> {
    const actor = { kind: 'user' as const, user };
    const answer: FireTransition = { caseId, event: body.agree ? CaseEvent.RespondentAgree : CaseEvent.RespondentDecline, actor, triggers: ['feature'] };
    // A decline closes the case: what closing files (transcripts) is made before the transaction.
    return this.transitions.preparedTransaction(answer, async (tx, prepared) => {
      await this.access.require(user, caseId, CaseAction.AnswerNotice, tx);
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
}
