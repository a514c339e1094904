import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { ValidationProblem } from './errors/problem';
import { isIsoDate } from './iso-date';

/** `?limit=&cursor=` on every list endpoint. */
export class PageQuery {
  @ApiPropertyOptional({ minimum: 1, maximum: 100, default: 20 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100)
  limit?: number;

  /** Opaque: the `nextCursor` of the previous page. */
  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(500)
  cursor?: string;
}

export class Page<T> {
  @ApiProperty({ isArray: true })
  items: T[];

  @ApiProperty({ nullable: true, type: String, description: 'Pass as `cursor` for the next page; null on the last page' })
  nextCursor: string | null;
}

/**
 * Keyset cursors: the sort key of the last row seen (e.g. [createdAt, id]). Stable under
 * inserts, and a page costs an index range scan however deep it is.
 */
export function encodeCursor(key: (string | number)[]): string {
  return Buffer.from(JSON.stringify(key)).toString('base64url');
}

/** What each part of a cursor's key is, checked on the way in so a forged cursor never reaches SQL. */
export type CursorPart = 'time' | 'uuid' | 'seq';

/** [created_at, id]: the key of most lists. */
export const TIME_AND_ID: readonly CursorPart[] = ['time', 'uuid'];

const PART_CHECKS: Record<CursorPart, (v: unknown) => boolean> = {
  // As toISOString() or to_char(… 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') writes it.
  time: (v) => typeof v === 'string' && /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,6})?Z$/.test(v) && isIsoDate(v),
  uuid: (v) => typeof v === 'string' && /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(v),
  seq: (v) => Number.isSafeInteger(v) && (v as number) >= 0,
};

export function decodeCursor(cursor: string | undefined, shape: readonly CursorPart[]): (string | number)[] | undefined {
  if (!cursor) return undefined;
  try {
    const key = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown;
    if (Array.isArray(key) && key.length === shape.length && shape.every((part, i) => PART_CHECKS[part](key[i]))) {
      return key as (string | number)[];
    }
  } catch {
    // fall through to the problem below
  }
  throw new ValidationProblem([{ field: 'cursor', rule: 'isCursor', message: 'cursor is not one this API returned' }]);
}

/** Fetch limit + 1 rows; the extra one says whether there is a next page. */
export function toPage<T>(rows: T[], limit: number, keyOf: (row: T) => (string | number)[]): Page<T> {
  const items = rows.slice(0, limit);
  const last = items[items.length - 1];
  return { items, nextCursor: rows.length > limit && last ? encodeCursor(keyOf(last)) : null };
}
