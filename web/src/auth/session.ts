/**
 * The signed-in session. The access token lives in this module's memory only (never in
 * storage a script could read); the refresh token is an HttpOnly cookie (`accord_refresh`,
 * Path=/api/v1/auth) that only the auth endpoints below see. Reloading the page restores the
 * session with one silent refresh; when that fails, the person signs in again.
 */
export type SessionStatus = 'restoring' | 'signed-in' | 'signed-out';
/** Why the session ended, for the sign-in page to say. */
export type EndReason = 'signed-out' | 'expired' | 'signed-out-everywhere';

export interface SessionSnapshot {
  status: SessionStatus;
  endReason?: EndReason;
}

export interface IssuedSession {
  accessToken: string;
  /** Seconds until the access token expires. */
  expiresIn: number;
}

/** Sent on the auth endpoints: the server then keeps the refresh token in the cookie, out of the JSON. */
export const BROWSER_CLIENT_HEADERS = { 'X-Accord-Client': 'browser' } as const;

const AUTH = '/api/v1/auth';
/** Refresh this long before the access token expires, so requests rarely meet a 401. */
const REFRESH_MARGIN_MS = 60_000;

type Listener = () => void;

export class Session {
  private token: string | undefined;
  private snapshot: SessionSnapshot = { status: 'restoring' };
  private readonly listeners = new Set<Listener>();
  private refreshTimer: ReturnType<typeof setTimeout> | undefined;
  private refreshing: Promise<boolean> | undefined;

  constructor(private readonly fetchImpl: typeof fetch = (...args) => fetch(...args)) {}

  subscribe = (listener: Listener): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getSnapshot = (): SessionSnapshot => this.snapshot;

  get accessToken(): string | undefined {
    return this.token;
  }

  get isSignedIn(): boolean {
    return this.snapshot.status === 'signed-in';
  }

  /** On app load: a silent refresh with the cookie, if there is one. */
  async restore(): Promise<void> {
    if (!(await this.refresh())) this.end();
  }

  /** After sign-in (or register): hold the new access token. */
  start(issued: IssuedSession): void {
    this.token = issued.accessToken;
    this.scheduleRefresh(issued.expiresIn);
    this.set({ status: 'signed-in' });
  }

  /**
   * A new access token from the refresh cookie. One refresh at a time, in this tab (callers
   * share it) and across tabs (a Web Lock): each refresh rotates the cookie, and a second
   * tab using the old one would look like a stolen token to the server.
   */
  refresh(): Promise<boolean> {
    this.refreshing ??= this.withRefreshLock(() => this.refreshNow()).finally(() => {
      this.refreshing = undefined;
    });
    return this.refreshing;
  }

  /** The session ended on the server side (refresh refused): back to signed-out. */
  expire(): void {
    this.end('expired');
  }

  async signOut(): Promise<void> {
    await this.post('logout').catch(() => undefined);
    this.end('signed-out');
  }

  /** Ends every session of the account, on every device, then this one. */
  async signOutEverywhere(): Promise<void> {
    const response = await this.post('logout-all', this.token);
    if (!response.ok) throw new Error(`sign-out everywhere failed: HTTP ${response.status}`);
    await this.post('logout').catch(() => undefined);
    this.end('signed-out-everywhere');
  }

  private async refreshNow(): Promise<boolean> {
    try {
      const response = await this.post('refresh');
      if (!response.ok) {
        if (this.snapshot.status === 'signed-in') this.expire();
        return false;
      }
      const issued = (await response.json()) as IssuedSession;
      if (typeof issued.accessToken !== 'string') return false;
      this.start(issued);
      return true;
    } catch {
      return false; // offline: keep what we have; the next request tries again
    }
  }

  private async post(endpoint: string, bearer?: string): Promise<Response> {
    const headers: Record<string, string> = { ...BROWSER_CLIENT_HEADERS };
    if (bearer) headers.Authorization = `Bearer ${bearer}`;
    const response = await this.fetchImpl(`${AUTH}/${endpoint}`, { method: 'POST', headers, credentials: 'same-origin' });
    // An answer that is not a session is read to its end all the same: the API's answers are
    // never stored (Cache-Control: no-store), so a body left unread holds its request open.
    if (!response.ok) await response.text().catch(() => undefined);
    return response;
  }

  private async withRefreshLock<T>(task: () => Promise<T>): Promise<T> {
    const locks = typeof navigator !== 'undefined' ? navigator.locks : undefined;
    return locks ? locks.request('accord.session.refresh', task) : task();
  }

  private scheduleRefresh(expiresInSeconds: number): void {
    clearTimeout(this.refreshTimer);
    const delay = Math.max(expiresInSeconds * 1000 - REFRESH_MARGIN_MS, 5_000);
    this.refreshTimer = setTimeout(() => void this.refresh(), delay);
  }

  private end(reason?: EndReason): void {
    clearTimeout(this.refreshTimer);
    this.token = undefined;
    this.set({ status: 'signed-out', endReason: reason });
  }

  private set(next: SessionSnapshot): void {
    this.snapshot = next;
    for (const listener of this.listeners) listener();
  }
}

export const session = new Session();
