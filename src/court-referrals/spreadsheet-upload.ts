import { HttpStatus } from '@nestjs/common';
import type { Request } from 'express';
import { ProblemException, ProblemType } from '../common/errors/problem';
import { receiveFile } from '../documents/multipart-file';
import { XLSX_TYPE, type SheetFormat } from './referral-workbook';

/** Far more than 2,000 rows of a referral sheet take; held in memory while the sheet is read. */
export const MAX_SHEET_BYTES = 5 * 1024 * 1024;

/**
 * The uploaded spreadsheet (multipart part `file`), checked by its bytes like any upload: an
 * .xlsx workbook, or text (a UTF-8 .csv). Anything else is a 415; more than MAX_SHEET_BYTES a 413.
 */
export async function receiveSpreadsheet(req: Request): Promise<{ bytes: Buffer; format: SheetFormat }> {
  const file = await receiveFile(req);
  const format: SheetFormat | undefined = file.contentType === XLSX_TYPE ? 'xlsx' : file.contentType === 'text/plain' ? 'csv' : undefined;
  if (!format) {
    file.drain();
    throw new ProblemException(
      HttpStatus.UNSUPPORTED_MEDIA_TYPE,
      ProblemType.UnsupportedMediaType,
      'Unsupported media type',
      'Upload the referral sheet as an .xlsx workbook or a UTF-8 .csv file',
    );
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of file.stream) {
    size += (chunk as Buffer).length;
    if (size > MAX_SHEET_BYTES) {
      file.drain();
      file.stream.destroy();
      throw new ProblemException(
        HttpStatus.PAYLOAD_TOO_LARGE,
        ProblemType.PayloadTooLarge,
        'Payload too large',
        `The sheet is larger than ${MAX_SHEET_BYTES / 1024 / 1024} MB: split it into several files`,
      );
    }
    chunks.push(chunk as Buffer);
  }
  return { bytes: Buffer.concat(chunks), format };
}
