import type { DataSource, EntityTarget, ObjectLiteral } from 'typeorm';

/**
 * An entity from a row that fixed SQL read (a prepared statement), converted exactly as TypeORM
 * converts the rows it reads itself: the driver's conversion per column type (a timestamp given
 * as text becomes a Date) and the column's transformer. The row's keys are column names, as
 * `SELECT *` or `to_jsonb(row)` give them; a column the entity never selects (`select: false`)
 * is left out, as TypeORM leaves it out.
 */
export function hydrate<T extends ObjectLiteral>(db: DataSource, target: EntityTarget<T>, row: Record<string, unknown>): T {
  const metadata = db.getMetadata(target);
  const entity = metadata.create() as T;
  for (const column of metadata.columns) {
    if (!column.isSelect || !(column.databaseName in row)) continue;
    column.setEntityValue(entity, db.driver.prepareHydratedValue(row[column.databaseName], column));
  }
  return entity;
}
