/**
 * `Intl.DateTimeFormat` is costly to construct (it resolves the locale and loads the zone's
 * data: 1 % of a filing's CPU when made per case, issue 24) and immutable once made, so one
 * per (locale, options, time zone among them) is kept for the life of the process. Callers pass
 * fixed options and the configured zone: the map stays a handful of entries.
 */
const formats = new Map<string, Intl.DateTimeFormat>();

export function dateTimeFormat(locale: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${locale}\u0000${JSON.stringify(options)}`;
  let format = formats.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(locale, options);
    formats.set(key, format);
  }
  return format;
}
