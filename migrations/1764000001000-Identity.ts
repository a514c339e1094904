import type { MigrationInterface, QueryRunner } from 'typeorm';

/** People, organisations, memberships, sessions (refresh tokens), password resets, security log. */
export class Identity1764000001000 implements MigrationInterface {
  name = 'Identity1764000001000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE users (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        email text NOT NULL CHECK (email = lower(email)),
        phone text,
        display_name text NOT NULL,
        preferred_language text NOT NULL DEFAULT 'zh-CN' CHECK (preferred_language IN ('zh-CN', 'en')),
        roles text[] NOT NULL DEFAULT '{}'
          CHECK (roles <@ ARRAY['party', 'mediator', 'court_clerk', 'judge', 'admin']::text[]),
        password_hash text,
        status text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'disabled')),
        identity_verified_at timestamptz,
        identity_verification_method text,
        identity_verified_by uuid REFERENCES users(id),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE UNIQUE INDEX users_email_key ON users (email)`);
    await q.query(`CREATE INDEX users_roles_idx ON users USING gin (roles)`);

    await q.query(`
      CREATE TABLE organisations (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        kind text NOT NULL CHECK (kind IN ('court', 'mediation_organisation', 'company', 'law_firm')),
        name text NOT NULL,
        court_code text,
        court_level text CHECK (court_level IN ('basic', 'intermediate', 'high')),
        region text,
        parent_id uuid REFERENCES organisations(id),
        created_at timestamptz NOT NULL DEFAULT now(),
        CHECK ((kind = 'court') = (court_code IS NOT NULL AND court_level IS NOT NULL))
      )`);
    await q.query(`CREATE UNIQUE INDEX organisations_court_code_key ON organisations (court_code) WHERE court_code IS NOT NULL`);

    await q.query(`
      CREATE TABLE memberships (
        user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        organisation_id uuid NOT NULL REFERENCES organisations(id) ON DELETE CASCADE,
        role text NOT NULL DEFAULT 'member' CHECK (role IN ('admin', 'member')),
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (user_id, organisation_id)
      )`);
    await q.query(`CREATE INDEX memberships_organisation_idx ON memberships (organisation_id)`);

    await q.query(`
      CREATE TABLE refresh_tokens (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        family_id uuid NOT NULL,
        token_hash text NOT NULL,
        expires_at timestamptz NOT NULL,
        replaced_at timestamptz,
        revoked_at timestamptz,
        created_ip text,
        user_agent text,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX refresh_tokens_family_idx ON refresh_tokens (family_id)`);
    await q.query(`CREATE INDEX refresh_tokens_user_idx ON refresh_tokens (user_id)`);

    await q.query(`
      CREATE TABLE password_reset_tokens (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        token_hash text NOT NULL,
        expires_at timestamptz NOT NULL,
        used_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX password_reset_tokens_user_idx ON password_reset_tokens (user_id)`);

    await q.query(`
      CREATE TABLE security_events (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        type text NOT NULL,
        user_id uuid REFERENCES users(id) ON DELETE SET NULL,
        actor_id uuid REFERENCES users(id) ON DELETE SET NULL,
        ip text,
        user_agent text,
        details jsonb NOT NULL DEFAULT '{}',
        occurred_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX security_events_occurred_idx ON security_events (occurred_at DESC, id DESC)`);
    await q.query(`CREATE INDEX security_events_user_idx ON security_events (user_id, occurred_at DESC)`);
    await q.query(`CREATE INDEX security_events_type_idx ON security_events (type, occurred_at DESC)`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of ['security_events', 'password_reset_tokens', 'refresh_tokens', 'memberships', 'organisations', 'users']) {
      await q.query(`DROP TABLE IF EXISTS ${table}`);
    }
  }
}
