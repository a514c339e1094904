import { applyDecorators, type Type } from '@nestjs/common';
import { ApiExtraModels, ApiPropertyOptional, ApiResponse, getSchemaPath } from '@nestjs/swagger';
import { Type as TransformType } from 'class-transformer';
import { IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { ValidationProblem } from './errors/problem';
import { isIsoDate } from './iso-date';

/** `?limit=&cursor=` on every list endpoint. */
export class PageQuery {
  @ApiPropertyOptional({ minimum: 1, maximum: 100, default: 20 })
  @IsOptional()
  @TransformType(() => Number)
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

/** One page of a list: every list endpoint answers this shape. */
export interface Page<T> {
  items: T[];
  /** Pass as `cursor` for the next page; null on the last page. */
  nextCursor: string | null;
}

/**
 * A list that is short by nature (a case's documents, services, deadlines…) answered whole, in
 * the same shape as the paginated ones: a client follows `nextCursor` everywhere, and such a list
 * can become paginated later without breaking it.
 */
export function wholePage<T>(items: T[]): Page<T> {
  return { items, nextCursor: null };
}

/**
 * Documents a 200 (or `status`) answering `Page<item>`: `{ items: item[], nextCursor }`, with the
 * item's schema referenced, so the generated client types `items` exactly.
 */
export const ApiPage = (item: Type<unknown>, options: { status?: number; description?: string } = {}): MethodDecorator =>
  applyDecorators(
    ApiExtraModels(item),
    ApiResponse({
      status: options.status ?? 200,
      description: options.description ?? `A page of ${item.name}`,
      schema: {
        type: 'object',
        required: ['items', 'nextCursor'],
        properties: {
          items: { type: 'array', items: { $ref: getSchemaPath(item) } },
          nextCursor: { type: 'string', nullable: true, description: 'Pass as `cursor` for the next page; null on the last page' },
        },
      },
    }),
  );

/**
 * Keyset cursors: the sort key of the last row seen (e.g. [createdAt, id]). Stable under
 * inserts, and a page costs an index range scan however deep it is.
 */
export function encodeCursor(key: (string | number)[]): string {
  return Buffer.from(JSON.stringify(key)).toString('base64url');
}

/** What each part of a cursor's key is, checked on the way in so a forged cursor never reaches SQL. */
export type CursorPart = 'time' | 'uuid' | 'seq' | 'text';

/** [created_at, id]: the key of most lists. */
export const TIME_AND_ID: readonly CursorPart[] = ['time', 'uuid'];

const PART_CHECKS: Record<CursorPart, (v: unknown) => boolean> = {
  // As toISOString() or to_char(… 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') writes it.
  time: (v) => typeof v === 'string' && /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,6})?Z$/.test(v) && isIsoDate(v),
  uuid: (v) => typeof v === 'string' && /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(v),
  seq: (v) => Number.isSafeInteger(v) && (v as number) >= 0,
  // A name or an e-mail that a list is ordered by (NUL and lone surrogates never get this far: src/common/input).
  text: (v) => typeof v === 'string' && v.length <= 320,
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
