import { checkFilename, looksLikeText, sniffContentType } from './content-sniffer';

describe('document content checks', () => {
  it('recognises a PDF by its bytes', async () => {
    expect(await sniffContentType(Buffer.from('%PDF-1.7\n%âãÏÓ\n1 0 obj\n<<>>\nendobj\n'))).toBe('application/pdf');
  });

  it('refuses an ELF executable whatever it is called', async () => {
    const elf = Buffer.concat([Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0x02, 0x01, 0x01, 0x00]), Buffer.alloc(64)]);
    expect(await sniffContentType(elf)).toBe('refused:application/x-elf');
  });

  it('accepts UTF-8 text, Chinese included, and refuses binary noise', async () => {
    expect(await sniffContentType(Buffer.from('调解协议\nSettlement terms\n'))).toBe('text/plain');
    expect(looksLikeText(Buffer.from([0x00, 0x01, 0x02, 0xff]))).toBe(false);
    // A character cut in half at the end of the sample is still text.
    expect(looksLikeText(Buffer.from('协议').subarray(0, 5))).toBe(true);
  });

  it('refuses file names that could address a path', () => {
    expect(checkFilename('evidence.pdf')).toBeUndefined();
    expect(checkFilename('证据 1.pdf')).toBeUndefined();
    expect(checkFilename('../../etc/passwd')).toMatch(/path separators/);
    expect(checkFilename('..\\boot.ini')).toMatch(/path separators/);
    expect(checkFilename('..')).toMatch(/path separators/);
    expect(checkFilename('a\u0000.pdf')).toMatch(/control/);
    expect(checkFilename('')).toMatch(/1 to 255/);
  });
});
