import { preparedFor } from './prepared-statement';

describe('preparedFor', () => {
  it('names the same text the same way every time, and different texts differently', () => {
    const a = preparedFor('spec.same', 'SELECT 1 WHERE $1::int = 1');
    expect(preparedFor('spec.same', 'SELECT 1 WHERE $1::int = 1')).toBe(a);
    expect(a.name).toMatch(/^spec\.same#[0-9a-f]{16}$/);
    const b = preparedFor('spec.same', 'SELECT 2 WHERE $1::int = 1');
    expect(b.name).not.toBe(a.name);
    expect(b.name.startsWith('spec.same#')).toBe(true);
  });

  it('runs texts unnamed once a kind has had 64 of them, so a kind whose texts keep varying cannot fill every connection', () => {
    const names = Array.from({ length: 70 }, (_, i) => preparedFor('spec.varying', `SELECT ${i}`).name);
    expect(new Set(names.slice(0, 64)).size).toBe(64);
    expect(names.slice(64)).toEqual(['', '', '', '', '', '']);
    // Texts named before the limit keep their names.
    expect(preparedFor('spec.varying', 'SELECT 3').name).toBe(names[3]);
  });
});
