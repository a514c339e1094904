/**
 * Content types accepted for case documents, decided from the bytes (magic numbers), never
 * from the file name or the client's Content-Type: an executable renamed .pdf is refused.
 */
export const ALLOWED_TYPES: Readonly<Record<string, string>> = {
  'application/pdf': 'PDF',
  'image/png': 'PNG image',
  'image/jpeg': 'JPEG image',
  'image/gif': 'GIF image',
  'image/webp': 'WebP image',
  'image/tiff': 'TIFF image',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': 'Word document',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': 'Excel workbook',
  'application/vnd.openxmlformats-officedocument.presentationml.presentation': 'PowerPoint presentation',
  'application/x-cfb': 'Office 97-2003 document',
  'application/vnd.oasis.opendocument.text': 'OpenDocument text',
  'application/zip': 'ZIP archive',
  'text/plain': 'plain text',
};

/** Bytes file-type needs to recognise every format above. */
export const SNIFF_BYTES = 4100;

/**
 * Text has no magic number: accept it when the head is valid UTF-8 without control
 * characters other than tab, CR, LF and form feed (binary files fail this at once).
 */
export function looksLikeText(head: Buffer): boolean {
  if (head.length === 0) return false;
  // A multi-byte character may be cut at the end of the sample: ignore up to 3 trailing bytes.
  for (let cut = 0; cut <= 3 && cut < head.length; cut++) {
    const sample = head.subarray(0, head.length - cut);
    try {
      const text = new TextDecoder('utf-8', { fatal: true }).decode(sample);
      // eslint-disable-next-line no-control-regex -- control characters are exactly what we look for
      return !/[\u0000-\u0008\u000B\u000E-\u001F\u007F]/.test(text);
    } catch {
      // try a shorter sample
    }
  }
  return false;
}

export async function sniffContentType(head: Buffer): Promise<string | undefined> {
  const { fileTypeFromBuffer } = (await import('file-type')) as typeof import('file-type');
  const detected = await fileTypeFromBuffer(head);
  if (detected) return ALLOWED_TYPES[detected.mime] ? detected.mime : `refused:${detected.mime}`;
  return looksLikeText(head) ? 'text/plain' : undefined;
}

/**
 * A display name that cannot address anything: no path separators, no "..", no control
 * characters. Returns a reason when refused.
 */
export function checkFilename(name: string): string | undefined {
  if (!name || name.length > 255) return 'filename must be 1 to 255 characters';
  if (/[/\\]/.test(name) || name.split('.').every((p) => p === '') || name.includes('..')) {
    return 'filename must be a plain file name, without path separators or ".."';
  }
  // eslint-disable-next-line no-control-regex -- control characters are exactly what we look for
  if (/[\u0000-\u001F\u007F]/.test(name)) return 'filename must not contain control characters';
  return undefined;
}
