/** Only paths of this app: `?redirect=//evil.example` or `https://…` must not send anyone away. */
export function safeRedirect(value: unknown): string | undefined {
  return typeof value === 'string' && value.startsWith('/') && !value.startsWith('//') && !value.startsWith('/\\') ? value : undefined;
}
