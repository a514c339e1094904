/** The longest video-meeting link accepted (a session's, a court summons'). */
export const MEETING_URL_MAX_CHARS = 2_000;

/**
 * A video-meeting link people can open safely: https only, a real host, no credentials in it
 * (they would be shown to every participant and kept in the record).
 */
export function meetingUrlProblem(value: string): string | undefined {
  if (value.length > MEETING_URL_MAX_CHARS) return `must be at most ${MEETING_URL_MAX_CHARS} characters`;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return 'must be an absolute https:// URL of the video meeting';
  }
  if (url.protocol !== 'https:') return 'must use https://';
  if (url.username || url.password) return 'must not carry a user name or password';
  if (!/^[a-z0-9-]+(\.[a-z0-9-]+)+$/i.test(url.hostname.replace(/\.$/, ''))) return 'must name a real host (e.g. meeting.example.com)';
  return undefined;
}
