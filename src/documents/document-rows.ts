import type { EntityManager } from 'typeorm';
import { runPrepared, type PreparedStatement } from '../common/database/prepared-statement';
import type { CaseDocument } from './document.entity';

const INSERT_DOCUMENT: PreparedStatement = {
  name: 'documents.insert',
  text: `INSERT INTO documents (id, case_id, kind, visibility, side, filename, content_type, size, sha256, storage_key, uploaded_by, supersedes_id)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) RETURNING created_at`,
};

/** A document's row, in the caller's transaction; answers the time it was recorded. */
export async function insertDocument(tx: EntityManager, d: Omit<CaseDocument, 'createdAt'>): Promise<Date> {
  const [row] = await runPrepared<{ created_at: Date }>(tx, INSERT_DOCUMENT, [
    d.id,
    d.caseId,
    d.kind,
    d.visibility,
    d.side,
    d.filename,
    d.contentType,
    d.size,
    d.sha256,
    d.storageKey,
    d.uploadedBy,
    d.supersedesId,
  ]);
  return row.created_at;
}
