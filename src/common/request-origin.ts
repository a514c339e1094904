/** Where a request came from, as records of who did what keep it (the `@Origin()` parameter). */
export interface RequestOrigin {
  ip: string | null;
  userAgent: string | null;
}
