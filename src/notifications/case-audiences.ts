import type { EntityManager } from 'typeorm';
import type { Case } from '../cases/entities/case.entity';
import { runPrepared, type PreparedStatement } from '../common/database/prepared-statement';
import { ACTIVE_ADMINS } from './active-admins';
import { Audience, type CaseAudiences, type Recipient } from './lifecycle-notifications';

/** What notifying a person needs: read with the audiences, so the notifier need not read it again. */
const CONTACT = `u.id, u.email, u.phone, u.preferred_language`;

/** The accounts of a case's parties and agents, by side. */
const SIDES: PreparedStatement = {
  name: 'audiences.sides',
  text: `SELECT s.side, ${CONTACT}
           FROM (SELECT side, user_id FROM case_parties WHERE case_id = $1 AND user_id IS NOT NULL
                 UNION SELECT side, user_id FROM case_agents WHERE case_id = $1) s
           JOIN users u ON u.id = s.user_id AND u.status = 'active'`,
};

/** A court's clerks and judges. */
const COURT_STAFF: PreparedStatement = {
  name: 'audiences.court-staff',
  text: `SELECT ${CONTACT} FROM users u JOIN memberships m ON m.user_id = u.id
         WHERE m.organisation_id = $1 AND u.status = 'active' AND u.roles && ARRAY['court_clerk', 'judge']::text[]`,
};

/**
 * The people behind a case's audiences, read in the caller's transaction: active accounts only,
 * with what notifying them needs (`contacts`). Only the audiences asked for are queried (every
 * administrator is a long list to read for nothing).
 */
export async function loadCaseAudiences(tx: EntityManager, c: Case, wanted: readonly Audience[], payload: Record<string, unknown> = {}): Promise<CaseAudiences> {
  const want = (a: Audience): boolean => wanted.includes(a);
  const contacts = new Map<string, Recipient>();
  const known = <T extends Recipient>(rows: T[]): T[] => {
    for (const { id, email, phone, preferred_language } of rows) contacts.set(id, { id, email, phone, preferred_language });
    return rows;
  };
  const ids = (rows: Recipient[]): string[] => known(rows).map((r) => r.id);
  const sides = want(Audience.ApplicantSide) || want(Audience.RespondentSide) ? known(await runPrepared<Recipient & { side: string }>(tx, SIDES, [c.id])) : [];
  const courtStaff = async (courtId: string | null): Promise<string[]> => (courtId ? ids(await runPrepared<Recipient>(tx, COURT_STAFF, [courtId])) : []);
  const offered = payload.mediatorId;
  return {
    applicantSide: sides.filter((s) => s.side === 'applicant').map((s) => s.id),
    respondentSide: sides.filter((s) => s.side === 'respondent').map((s) => s.id),
    respondentsServed: c.respondentAccessFrom !== null,
    mediator: c.mediatorId,
    offeredMediator: typeof offered === 'string' ? offered : null,
    referringCourtStaff: want(Audience.ReferringCourt) ? await courtStaff(c.referringCourtId) : [],
    confirmingCourtStaff: want(Audience.ConfirmingCourt) ? await courtStaff(c.confirmingCourtId) : [],
    intake: want(Audience.Intake) ? ids(await runPrepared<Recipient>(tx, ACTIVE_ADMINS, [])) : [],
    contacts,
  };
}
