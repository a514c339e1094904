import type { PreparedStatement } from '../common/database/prepared-statement';

/**
 * Every active administrator (the intake desk): notified of new filings and failed services.
 * `roles @> ARRAY['admin']` rather than `'admin' = ANY(roles)`: only the containment operator can
 * use the GIN index users_roles_idx, so the read stays an index lookup with 100,000 users instead
 * of a sequential scan inside every submit. test/admin-recipients-plan.e2e-spec.ts checks the plan.
 */
/** With what notifying them needs (a `Recipient`). */
export const ACTIVE_ADMINS_SQL = `SELECT id, email, phone, preferred_language FROM users WHERE status = 'active' AND roles @> ARRAY['admin']::text[]`;

export const ACTIVE_ADMINS: PreparedStatement = { name: 'users.active-admins', text: ACTIVE_ADMINS_SQL };
