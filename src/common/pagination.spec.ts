import { decodeCursor, encodeCursor, TIME_AND_ID, toPage, wholePage } from './pagination';
import { ValidationProblem } from './errors/problem';

describe('cursor pagination', () => {
  it('round-trips a key', () => {
    const key = ['2026-11-24T10:00:00.000Z', 'b0f2a1c4-8d2e-4f5a-9b3c-1d2e3f4a5b6c'];
    expect(decodeCursor(encodeCursor(key), TIME_AND_ID)).toEqual(key);
    expect(decodeCursor(encodeCursor(['2026-11-24T10:00:00.123456Z', key[1]]), TIME_AND_ID)).toEqual(['2026-11-24T10:00:00.123456Z', key[1]]);
    expect(decodeCursor(encodeCursor([42]), ['seq'])).toEqual([42]);
  });

  it('refuses a cursor it did not make', () => {
    expect(() => decodeCursor('garbage!', TIME_AND_ID)).toThrow(ValidationProblem);
    expect(() => decodeCursor(encodeCursor(['a']), TIME_AND_ID)).toThrow(ValidationProblem);
  });

  it('refuses a well-formed cursor whose key parts are not what the list sorts by', () => {
    const id = 'b0f2a1c4-8d2e-4f5a-9b3c-1d2e3f4a5b6c';
    for (const key of [
      ['not a date', id],
      ['2026-02-30T00:00:00.000Z', id],
      ['2026-11-24T10:00:00.000Z', 'x'],
      [1, 2],
    ]) {
      expect(() => decodeCursor(encodeCursor(key), TIME_AND_ID)).toThrow(ValidationProblem);
    }
    for (const key of [['abc'], [1e30], [-1], [1.5]]) {
      expect(() => decodeCursor(encodeCursor(key), ['seq'])).toThrow(ValidationProblem);
    }
  });

  it('gives a next cursor only when there is another row', () => {
    const rows = [{ id: 1 }, { id: 2 }, { id: 3 }];
    expect(toPage(rows, 2, (r) => [r.id])).toEqual({ items: [{ id: 1 }, { id: 2 }], nextCursor: encodeCursor([2]) });
    expect(toPage(rows, 3, (r) => [r.id]).nextCursor).toBeNull();
  });

  it('answers a whole list as its one and last page', () => {
    expect(wholePage([1, 2])).toEqual({ items: [1, 2], nextCursor: null });
  });
});
