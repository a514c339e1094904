import { Logger } from '@nestjs/common';
import { LogSmsSender } from './log-sms-sender';
import { InvalidPhoneNumberError } from './sms-delivery.error';

describe('LogSmsSender', () => {
  afterEach(() => jest.restoreAllMocks());

  it('logs the message instead of sending it and returns a fresh id', async () => {
    const logged = jest.spyOn(Logger.prototype, 'log').mockImplementation(() => undefined);
    const sender = new LogSmsSender();
    const first = await sender.send({ to: '+8613800138000', text: '验证码 123456' });
    const second = await sender.send({ to: '+8613800138000', text: '验证码 654321' });

    expect(first.providerMessageId).toMatch(/^log-[0-9a-f-]{36}$/);
    expect(second.providerMessageId).not.toBe(first.providerMessageId);
    expect(first.acceptedAt).toBeInstanceOf(Date);
    expect(logged).toHaveBeenCalledTimes(2);
    expect(String(logged.mock.calls[0]![0])).toContain('+8613800138000');
    expect(String(logged.mock.calls[0]![0])).toContain('验证码 123456');
  });

  it('refuses a number that is not E.164, as the real driver does', async () => {
    const logged = jest.spyOn(Logger.prototype, 'log').mockImplementation(() => undefined);
    await expect(new LogSmsSender().send({ to: '138 0013 8000', text: 'hi' })).rejects.toThrow(InvalidPhoneNumberError);
    expect(logged).not.toHaveBeenCalled();
  });

  it('warns when used in production', () => {
    const warned = jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
    new LogSmsSender(true);
    expect(warned).toHaveBeenCalledWith(expect.stringContaining('SMS_DRIVER=log in production'));
  });
});
