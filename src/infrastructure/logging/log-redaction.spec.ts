import { Writable } from 'node:stream';
import pino from 'pino';
import { LOG_REDACTION } from './logging.module';

describe('log redaction', () => {
  it("never writes a bearer token, a cookie or a court system's API key", () => {
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk: Buffer, _encoding, done) {
        lines.push(chunk.toString());
        done();
      },
    });
    pino({ redact: LOG_REDACTION }, sink).info({
      req: { headers: { authorization: 'Bearer acc_secret-one', 'x-api-key': 'acc_secret-two', cookie: 'accord_refresh=secret-three' } },
    });
    expect(lines.join('')).not.toMatch(/secret/);
    expect(lines.join('')).toContain('[redacted]');
  });
});
