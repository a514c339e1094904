import { addressProblem, webhookUrlProblem } from './webhook-url';

describe('webhook URLs (https only; no private, link-local or loopback addresses)', () => {
  const production = { allowHttpLoopback: false };
  const tests = { allowHttpLoopback: true };

  it('takes an https URL to a public host', () => {
    expect(webhookUrlProblem('https://court.example.cn/accord/webhooks?x=1', production)).toBeUndefined();
    expect(webhookUrlProblem('https://93.184.216.34/hook', production)).toBeUndefined();
    expect(webhookUrlProblem('https://[2606:4700::1111]/hook', production)).toBeUndefined();
  });

  it('refuses plain http, other schemes, credentials and what is no URL', () => {
    expect(webhookUrlProblem('http://court.example.cn/hook', production)).toBe('url must use https');
    expect(webhookUrlProblem('http://court.example.cn/hook', tests)).toContain('must use https');
    expect(webhookUrlProblem('ftp://court.example.cn/hook', production)).toBe('url must use https');
    expect(webhookUrlProblem('https://user:pw@court.example.cn/hook', production)).toContain('user name or password');
    expect(webhookUrlProblem('court.example.cn/hook', production)).toBe('url must be an absolute URL');
  });

  it('refuses private, link-local, metadata, loopback and mapped addresses written in the URL', () => {
    for (const host of ['10.1.2.3', '172.16.0.1', '192.168.1.1', '169.254.169.254', '100.64.0.1', '0.0.0.0', '[fd00::1]', '[fe80::1]', '[::ffff:10.0.0.1]']) {
      expect(webhookUrlProblem(`https://${host}/hook`, production)).toMatch(/public address/);
      expect(webhookUrlProblem(`https://${host}/hook`, tests)).toMatch(/public address/);
    }
    for (const host of ['127.0.0.1', '[::1]', 'localhost', 'api.localhost', '[::ffff:127.0.0.1]']) {
      expect(webhookUrlProblem(`https://${host}/hook`, production)).toMatch(/loopback/);
      expect(webhookUrlProblem(`http://${host}/hook`, production)).toBe('url must use https');
    }
  });

  it('lets plain http reach loopback only when WEBHOOK_ALLOW_HTTP_LOOPBACK is on', () => {
    expect(webhookUrlProblem('http://127.0.0.1:4100/hook', tests)).toBeUndefined();
    expect(webhookUrlProblem('http://[::1]:4100/hook', tests)).toBeUndefined();
    expect(webhookUrlProblem('http://localhost:4100/hook', tests)).toBeUndefined();
  });

  it('judges each resolved address the same way at delivery', () => {
    expect(addressProblem('93.184.216.34', production)).toBeUndefined();
    expect(addressProblem('10.0.0.5', production)).toMatch(/not a public address/);
    expect(addressProblem('127.0.0.1', production)).toMatch(/loopback/);
    expect(addressProblem('127.0.0.1', tests)).toBeUndefined();
    expect(addressProblem('::ffff:192.168.0.1', tests)).toMatch(/not a public address/);
    expect(addressProblem('not-an-ip', production)).toMatch(/not an IP/);
  });
});
