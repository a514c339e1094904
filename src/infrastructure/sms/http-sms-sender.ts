import { SmsDeliveryError } from './sms-delivery.error';
import { assertSendableSms, SmsSender, type SmsMessage, type SmsReceipt } from './sms-sender';

export interface HttpSmsSettings {
  url: string;
  key: string;
  timeoutMs: number;
}

const snippet = (body: string): string => (body.length > 200 ? `${body.slice(0, 200)}…` : body);

/**
 * Posts `{ to, text }` as JSON to the provider with a bearer key and reads `{ id }` back.
 * The provider's answer decides: 2xx accepted; 4xx refused for good (the request itself is
 * wrong) except 408 and 429, which say "later"; 5xx, a network failure or no answer within
 * the timeout are temporary.
 */
export class HttpSmsSender extends SmsSender {
  constructor(private readonly settings: HttpSmsSettings) {
    super();
  }

  async send(message: SmsMessage): Promise<SmsReceipt> {
    assertSendableSms(message);

    let status: number;
    let body: string;
    try {
      const response = await fetch(this.settings.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          accept: 'application/json',
          authorization: `Bearer ${this.settings.key}`,
          ...(message.idempotencyKey ? { 'idempotency-key': message.idempotencyKey } : {}),
        },
        body: JSON.stringify({ to: message.to, text: message.text }),
        // A redirected POST may be replayed as a GET; a provider URL that redirects is wrong.
        redirect: 'manual',
        // Covers reading the body too, not only the wait for the status line.
        signal: AbortSignal.timeout(this.settings.timeoutMs),
      });
      status = response.status;
      body = await response.text();
    } catch (error) {
      const timedOut = error instanceof DOMException && error.name === 'TimeoutError';
      const reason = timedOut ? `no answer from the provider within ${this.settings.timeoutMs} ms` : `could not reach the provider: ${(error as Error).message}${causeOf(error)}`;
      throw new SmsDeliveryError(reason, false, undefined, { cause: error });
    }

    if (status >= 200 && status < 300) {
      const id = providerId(body);
      // Accepted but unreadable: retrying could text the person twice, so this is not retried.
      if (id === undefined) throw new SmsDeliveryError(`provider answered ${status} without an id: ${snippet(body)}`, true, status);
      return { providerMessageId: id, acceptedAt: new Date() };
    }
    const permanent = status < 500 && status !== 408 && status !== 429;
    throw new SmsDeliveryError(`provider answered ${status}: ${snippet(body)}`, permanent, status);
  }
}

function providerId(body: string): string | undefined {
  try {
    const parsed = JSON.parse(body) as { id?: unknown };
    if (typeof parsed.id === 'string' && parsed.id !== '') return parsed.id;
    if (typeof parsed.id === 'number') return String(parsed.id);
  } catch {
    // not JSON: no id
  }
  return undefined;
}

/** fetch reports "fetch failed" and hides the useful part (ECONNREFUSED…) in `cause`. */
function causeOf(error: unknown): string {
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  return cause ? ` (${cause.code ?? cause.message})` : '';
}
