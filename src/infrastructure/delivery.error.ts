/**
 * A message (e-mail, SMS) that could not be handed over. `permanent` tells a queue job what to
 * do: retry a temporary failure with backoff, give up at once on a permanent one (retrying a
 * rejected address or a refused request only repeats the refusal and delays the alert).
 */
export abstract class DeliveryError extends Error {
  constructor(
    message: string,
    readonly permanent: boolean,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = new.target.name;
  }
}
