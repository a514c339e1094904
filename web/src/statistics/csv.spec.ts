import { BOM, toCsv } from './csv';

describe('CSV for spreadsheets', () => {
  it('starts with a byte-order mark and ends lines with CRLF', () => {
    const csv = toCsv(
      ['来源', '案件数'],
      [
        ['法院委派', 5],
        ['在线申请', 2],
      ],
    );
    expect(csv.startsWith(BOM)).toBe(true);
    expect(csv.slice(1)).toBe('来源,案件数\r\n法院委派,5\r\n在线申请,2\r\n');
  });

  it('quotes commas, quotes and line breaks, and leaves empty cells empty', () => {
    expect(
      toCsv(
        ['a', 'b', 'c'],
        [
          ['x, y', 'say "hi"', null],
          ['two\nlines', undefined, 0.222],
        ],
      ).slice(1),
    ).toBe('a,b,c\r\n"x, y","say ""hi""",\r\n"two\nlines",,0.222\r\n');
  });

  it('keeps a cell that looks like a formula as text, but not a negative number', () => {
    expect(toCsv(['name'], [['=HYPERLINK("x")'], ['-3'], ['@me']]).slice(1)).toBe('name\r\n"\'=HYPERLINK(""x"")"\r\n-3\r\n"\'@me"\r\n');
  });
});
