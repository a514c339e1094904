import { StreamableFile } from '@nestjs/common';

/**
 * A PDF answered as a download: the plain `filename` keeps to printable ASCII for old clients,
 * `filename*` carries the real (often Chinese) name (RFC 6266).
 */
export function pdfAttachment(bytes: Buffer, filename: string): StreamableFile {
  return new StreamableFile(bytes, {
    type: 'application/pdf',
    length: bytes.length,
    disposition: `attachment; filename="${filename.replace(/[^\x20-\x7e]|"/g, '_')}"; filename*=UTF-8''${encodeURIComponent(filename)}`,
  });
}
