-- One filing as PostgreSQL sees it from the API: every statement the API process sends for
-- POST /cases, POST /cases/:id/documents and POST /cases/:id/transitions {submit}, in the same
-- order and transactions, captured with log_statement=all (see bench/filing.bench.cjs). Run by
-- pgbench -M extended (unnamed statements with parameters, as node-postgres sends them) with
-- -D year=… -D applicants=…. What the app computes itself (hashes, JSON) is a constant here.
-- The worker's side (relaying the outbox, delivering the notification) is not part of it.
\set n random(1, :applicants)
SELECT '00000000-0000-4000-8000-' || lpad(:n::text, 12, '0') AS uid \gset

-- POST /api/v1/cases: the bearer token's user, then the creating transaction.
SELECT "User"."id", "User"."email", "User"."phone", "User"."display_name", "User"."preferred_language", "User"."roles", "User"."status", "User"."identity_verified_at", "User"."identity_verification_method", "User"."identity_verified_by", "User"."created_at", "User"."updated_at" FROM "users" "User" WHERE "User"."id" = :uid LIMIT 1;
SELECT "Membership"."user_id", "Membership"."organisation_id", "Membership"."role", "Membership"."created_at" FROM "memberships" "Membership" WHERE "Membership"."user_id" = :uid;
START TRANSACTION;
INSERT INTO "cases"("id", "number", "status", "version", "source", "title", "dispute_type", "statement", "claims", "preferred_language", "foreign_element", "created_by", "hash_algorithm") VALUES (DEFAULT, 'provisional-' || gen_random_uuid(), 'draft', 1, 'online_application', 'Infringement of invention patent ZL202310012345.6', 'patent', 'The respondent sells wireless chargers that use the patented coil-alignment method without a licence.', '[{"kind": "monetary", "amount": "500000.00", "currency": "CNY"}, {"kind": "stop_infringement", "description": "Stop making and selling the infringing chargers"}]', 'zh-CN', false, :uid, 'sha256') RETURNING "id", "version", "claims", "preferred_language", "foreign_element", "returned_to_court", "needs_manual_assignment", "hash_algorithm", "search_text", "created_at", "updated_at" \gset
SELECT * FROM "case_parties" "CaseParty" WHERE "CaseParty"."case_id" = :id AND "CaseParty"."side" = 'applicant' AND "CaseParty"."position" = 0 LIMIT 1;
INSERT INTO "case_parties"("id", "case_id", "side", "position", "kind", "name", "id_type", "id_number", "phone", "email", "address", "legal_representative", "organisation_id", "user_id", "consent_online", "consent_e_service", "e_service_basis") VALUES (DEFAULT, :id, 'applicant', 0, 'organisation', '杭州甲科技有限公司', 'unified_social_credit_code', '91330100MA2H3X4Y5Z', '+8657188880000', 'applicant@bench.accord', '浙江省杭州市西湖区文三路 1 号', '张伟', NULL, :uid, true, true, 'express') RETURNING "id";
DELETE FROM "case_parties" WHERE "case_id" = :id AND "side" = 'respondent';
INSERT INTO "case_parties"("id", "case_id", "side", "position", "kind", "name", "id_type", "id_number", "phone", "email", "address", "legal_representative", "organisation_id", "user_id") VALUES (DEFAULT, :id, 'respondent', 0, 'organisation', '深圳乙电子有限公司', NULL, NULL, '+8675588880000', 'respondent@bench.accord', NULL, '李强', NULL, NULL) RETURNING "id";
DELETE FROM "ip_rights" WHERE "case_id" = :id;
INSERT INTO "ip_rights"("id", "case_id", "position", "kind", "number", "jurisdiction", "owner", "title", "classes") VALUES (DEFAULT, :id, 0, 'patent', 'ZL202310012345.6', 'CN', '杭州甲科技有限公司', 'Coil alignment method', '{G06F,H02J}') RETURNING "id", "classes";
UPDATE cases c SET number = coalesce(NULL, c.number), search_text = lower(concat_ws(' ', coalesce(NULL, c.number), c.title, c.referral_number, (SELECT string_agg(p.name, ' ') FROM case_parties p WHERE p.case_id = c.id), (SELECT string_agg(r.number, ' ') FROM ip_rights r WHERE r.case_id = c.id))) WHERE c.id = :id;
INSERT INTO case_number_counters (year, last) VALUES (:year, 1) ON CONFLICT (year) DO UPDATE SET last = case_number_counters.last + 1 RETURNING last \gset
UPDATE cases c SET number = coalesce('ACC-' || :year || '-' || lpad(:last::text, 6, '0'), c.number), search_text = lower(concat_ws(' ', coalesce('ACC-' || :year || '-' || lpad(:last::text, 6, '0'), c.number), c.title, c.referral_number, (SELECT string_agg(p.name, ' ') FROM case_parties p WHERE p.case_id = c.id), (SELECT string_agg(r.number, ' ') FROM ip_rights r WHERE r.case_id = c.id))) WHERE c.id = :id;
SELECT "CaseEventRecord"."sequence", "CaseEventRecord"."hash", "CaseEventRecord"."case_id" FROM "case_events" "CaseEventRecord" WHERE "CaseEventRecord"."case_id" = :id ORDER BY "CaseEventRecord"."sequence" DESC LIMIT 1;
INSERT INTO "case_events"("case_id", "sequence", "type", "actor_id", "actor_role", "occurred_at", "payload", "confidential", "prev_hash", "hash", "algorithm") VALUES (:id, 1, 'case_created', :uid, 'applicant', now(), '{"title": "Infringement of invention patent ZL202310012345.6", "number": "ACC-2026-000002", "filedAs": "applicant", "disputeType": "patent", "applicationHash": "fa3cd70bcdde32dd1a87e05fda5ffa4ad62848427013d54f31abadf61969762c"}', false, '0000000000000000000000000000000000000000000000000000000000000000', '26556a4e30f7d3c9bc702f70037c3bb2e255c042a5715be2adfd350914aba15b', 'sha256') RETURNING "confidential";
COMMIT;
-- … and the answer: the case as the applicant sees it (access facts, then parts and completeness).
SELECT * FROM "cases" "Case" WHERE "Case"."id" = :id LIMIT 1;
SELECT "CaseParty"."side", "CaseParty"."user_id", "CaseParty"."id" FROM "case_parties" "CaseParty" WHERE "CaseParty"."case_id" = :id;
SELECT "CaseAgent"."side", "CaseAgent"."user_id", "CaseAgent"."id" FROM "case_agents" "CaseAgent" WHERE "CaseAgent"."case_id" = :id;
SELECT mediator_id FROM assignment_offers WHERE case_id = :id AND status = 'pending';
SELECT * FROM "case_parties" "CaseParty" WHERE "CaseParty"."case_id" = :id;
SELECT * FROM "case_agents" "CaseAgent" WHERE "CaseAgent"."case_id" = :id;
SELECT * FROM "ip_rights" "IpRight" WHERE "IpRight"."case_id" = :id;
SELECT * FROM "case_parties" "CaseParty" WHERE "CaseParty"."case_id" = :id;
SELECT COUNT(1) AS "cnt" FROM "ip_rights" "IpRight" WHERE "IpRight"."case_id" = :id;
SELECT COUNT(1) AS "cnt" FROM "documents" "CaseDocument" WHERE "CaseDocument"."case_id" = :id;

-- POST /api/v1/cases/:id/documents
SELECT "User"."id", "User"."email", "User"."phone", "User"."display_name", "User"."preferred_language", "User"."roles", "User"."status", "User"."identity_verified_at", "User"."identity_verification_method", "User"."identity_verified_by", "User"."created_at", "User"."updated_at" FROM "users" "User" WHERE "User"."id" = :uid LIMIT 1;
SELECT "Membership"."user_id", "Membership"."organisation_id", "Membership"."role", "Membership"."created_at" FROM "memberships" "Membership" WHERE "Membership"."user_id" = :uid;
SELECT * FROM "cases" "Case" WHERE "Case"."id" = :id LIMIT 1;
SELECT "CaseParty"."side", "CaseParty"."user_id", "CaseParty"."id" FROM "case_parties" "CaseParty" WHERE "CaseParty"."case_id" = :id;
SELECT "CaseAgent"."side", "CaseAgent"."user_id", "CaseAgent"."id" FROM "case_agents" "CaseAgent" WHERE "CaseAgent"."case_id" = :id;
SELECT mediator_id FROM assignment_offers WHERE case_id = :id AND status = 'pending';
START TRANSACTION;
SELECT 1 FROM cases WHERE id = :id FOR UPDATE;
SELECT * FROM "cases" "Case" WHERE "Case"."id" = :id LIMIT 1;
INSERT INTO "documents"("id", "case_id", "kind", "visibility", "side", "filename", "content_type", "size", "sha256", "storage_key", "uploaded_by", "supersedes_id", "created_at") VALUES (gen_random_uuid(), :id, 'evidence', 'all_parties', 'applicant', 'evidence.pdf', 'application/pdf', 136, 'c27c4be6accf841b4d9581515f0447a8a1e36032daf6a31e0565a86d414f190c', 'cases/' || :id || '/documents/' || gen_random_uuid(), :uid, NULL, DEFAULT) RETURNING "id" AS document_id, "created_at" \gset
SELECT "CaseEventRecord"."sequence", "CaseEventRecord"."hash", "CaseEventRecord"."case_id" FROM "case_events" "CaseEventRecord" WHERE "CaseEventRecord"."case_id" = :id ORDER BY "CaseEventRecord"."sequence" DESC LIMIT 1 \gset
\set next :sequence + 1
INSERT INTO "case_events"("case_id", "sequence", "type", "actor_id", "actor_role", "occurred_at", "payload", "confidential", "prev_hash", "hash", "algorithm") VALUES (:id, :next, 'document_added', :uid, 'applicant', now(), '{"kind": "evidence", "size": 136, "sha256": "c27c4be6accf841b4d9581515f0447a8a1e36032daf6a31e0565a86d414f190c", "filename": "evidence.pdf", "documentId": "6a0e10d8-96d0-442c-9428-07d7664ea8be", "visibility": "all_parties"}', false, :hash, '2c366fe9f634c9e8ddeb543b73f16f4a92e49a3756fc8591bd982698f91910df', 'sha256') RETURNING "confidential";
SELECT * FROM "documents" "CaseDocument" WHERE "CaseDocument"."id" = :document_id LIMIT 1;
COMMIT;

-- POST /api/v1/cases/:id/transitions {"event": "submit"}
SELECT "User"."id", "User"."email", "User"."phone", "User"."display_name", "User"."preferred_language", "User"."roles", "User"."status", "User"."identity_verified_at", "User"."identity_verification_method", "User"."identity_verified_by", "User"."created_at", "User"."updated_at" FROM "users" "User" WHERE "User"."id" = :uid LIMIT 1;
SELECT "Membership"."user_id", "Membership"."organisation_id", "Membership"."role", "Membership"."created_at" FROM "memberships" "Membership" WHERE "Membership"."user_id" = :uid;
START TRANSACTION;
SELECT * FROM "cases" "Case" WHERE "Case"."id" = :id LIMIT 1;
SELECT * FROM "case_parties" "CaseParty" WHERE "CaseParty"."case_id" = :id;
SELECT COUNT(1) AS "cnt" FROM "ip_rights" "IpRight" WHERE "IpRight"."case_id" = :id;
SELECT COUNT(1) AS "cnt" FROM "documents" "CaseDocument" WHERE "CaseDocument"."case_id" = :id;
SELECT * FROM "cases" "Case" WHERE "Case"."id" = :id LIMIT 1;
SELECT "CaseParty"."side", "CaseParty"."user_id", "CaseParty"."id" FROM "case_parties" "CaseParty" WHERE "CaseParty"."case_id" = :id;
SELECT "CaseAgent"."side", "CaseAgent"."user_id", "CaseAgent"."id" FROM "case_agents" "CaseAgent" WHERE "CaseAgent"."case_id" = :id;
SELECT mediator_id FROM assignment_offers WHERE case_id = :id AND status = 'pending';
UPDATE cases SET status = 'submitted', version = version + 1, updated_at = now(), submitted_at = now() WHERE id = :id AND version = 1 AND status = 'draft' RETURNING id;
SELECT * FROM "cases" "Case" WHERE "Case"."id" = :id LIMIT 1;
SELECT "CaseEventRecord"."sequence", "CaseEventRecord"."hash", "CaseEventRecord"."case_id" FROM "case_events" "CaseEventRecord" WHERE "CaseEventRecord"."case_id" = :id ORDER BY "CaseEventRecord"."sequence" DESC LIMIT 1 \gset
\set next :sequence + 1
INSERT INTO "case_events"("case_id", "sequence", "type", "actor_id", "actor_role", "occurred_at", "payload", "confidential", "prev_hash", "hash", "algorithm") VALUES (:id, :next, 'submit', :uid, 'applicant', now(), '{"to": "submitted", "from": "draft"}', false, :hash, 'f6122ce55c9bb5e108140c9b1f088455d4a619246b665e46aac43fd73b97b321', 'sha256') RETURNING "confidential";
SELECT id AS admin_id FROM users WHERE status = 'active' AND 'admin' = ANY(roles) \gset
SELECT id, email, phone, preferred_language FROM users WHERE id = ANY(ARRAY[:admin_id::uuid]) AND status = 'active' ORDER BY id;
INSERT INTO notifications (user_id, case_id, template, data, language, channels, dedupe_key) SELECT r.user_id, r.case_id, r.template, r.data, r.language, ARRAY(SELECT jsonb_array_elements_text(r.channels)), r.dedupe_key FROM jsonb_to_recordset(jsonb_build_array(jsonb_build_object('user_id', :admin_id::text, 'case_id', :id::text, 'template', 'submit', 'data', jsonb_build_object('event', 'submit', 'caseId', :id::text, 'sequence', 3, 'caseTitle', 'Infringement of invention patent ZL202310012345.6', 'caseNumber', 'ACC-2026-000002'), 'language', 'zh-CN', 'channels', jsonb_build_array('in_app', 'email'), 'dedupe_key', NULL))) AS r(user_id uuid, case_id uuid, template text, data jsonb, language text, channels jsonb, dedupe_key text) ON CONFLICT (dedupe_key) DO NOTHING RETURNING id AS notification_id, channels \gset
INSERT INTO outbox (job, data, run_at) SELECT e.job, e.data, e.run_at FROM jsonb_to_recordset(jsonb_build_array(jsonb_build_object('job', 'notifications.deliver', 'data', jsonb_build_object('channel', 'in_app', 'notificationId', :notification_id::text), 'run_at', NULL), jsonb_build_object('job', 'notifications.deliver', 'data', jsonb_build_object('channel', 'email', 'notificationId', :notification_id::text), 'run_at', NULL))) AS e(job text, data jsonb, run_at timestamptz) RETURNING id;
SELECT pg_notify('accord_outbox', '');
COMMIT;
-- … and the answer: the case as the applicant sees it now.
SELECT * FROM "cases" "Case" WHERE "Case"."id" = :id LIMIT 1;
SELECT "CaseParty"."side", "CaseParty"."user_id", "CaseParty"."id" FROM "case_parties" "CaseParty" WHERE "CaseParty"."case_id" = :id;
SELECT "CaseAgent"."side", "CaseAgent"."user_id", "CaseAgent"."id" FROM "case_agents" "CaseAgent" WHERE "CaseAgent"."case_id" = :id;
SELECT mediator_id FROM assignment_offers WHERE case_id = :id AND status = 'pending';
SELECT * FROM "case_parties" "CaseParty" WHERE "CaseParty"."case_id" = :id;
SELECT * FROM "case_agents" "CaseAgent" WHERE "CaseAgent"."case_id" = :id;
SELECT * FROM "ip_rights" "IpRight" WHERE "IpRight"."case_id" = :id;
