import { decodeCursor, encodeCursor, toPage, wholePage } from './pagination';
import { ValidationProblem } from './errors/problem';

describe('cursor pagination', () => {
  it('round-trips a key', () => {
    const key = ['2026-11-24T10:00:00.000Z', 'b0f2'];
    expect(decodeCursor(encodeCursor(key), 2)).toEqual(key);
  });

  it('refuses a cursor it did not make', () => {
    expect(() => decodeCursor('garbage!', 2)).toThrow(ValidationProblem);
    expect(() => decodeCursor(encodeCursor(['a']), 2)).toThrow(ValidationProblem);
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
