import busboy from 'busboy';
import type { Request } from 'express';
import { PassThrough, type Readable } from 'node:stream';
import { HttpStatus } from '@nestjs/common';
import { ProblemException, ProblemType, ValidationProblem } from '../common/errors/problem';
import { ALLOWED_TYPES, checkFilename, SNIFF_BYTES, sniffContentType } from './content-sniffer';

export interface IncomingFile {
  filename: string;
  /** Detected from the bytes. */
  contentType: string;
  /** The whole file, the sniffed head included, still streaming from the client. */
  stream: Readable;
  /** Discard what is left of the upload (after a refusal) so the response can be sent. */
  drain(): void;
}

const malformed = (error: Error): ValidationProblem => new ValidationProblem([{ field: 'file', rule: 'isMultipart', message: `malformed multipart body: ${error.message}` }]);

const unsupported = (detail: string): ProblemException =>
  new ProblemException(HttpStatus.UNSUPPORTED_MEDIA_TYPE, ProblemType.UnsupportedMediaType, 'Unsupported media type', detail);

/**
 * The single `file` part of a multipart upload, checked (name, magic bytes) before a byte
 * reaches storage, and handed on as a stream: the file is never held in memory.
 */
export function receiveFile(req: Request): Promise<IncomingFile> {
  if (!req.is('multipart/form-data')) {
    return Promise.reject(unsupported('Send the document as multipart/form-data with one part named "file"'));
  }
  return new Promise((resolve, reject) => {
    let settled = false;
    const fail = (error: Error): void => {
      if (settled) return;
      settled = true;
      req.resume();
      reject(error);
    };
    let parser: busboy.Busboy;
    try {
      // preservePath: see the name as sent, so a traversal attempt is refused rather than silently trimmed.
      parser = busboy({ headers: req.headers, defParamCharset: 'utf8', preservePath: true, limits: { files: 1, fields: 0, parts: 1 } });
    } catch (error) {
      // No boundary, or one busboy cannot read: nothing of the body can be parsed.
      return fail(
        new ValidationProblem([{ field: 'Content-Type', rule: 'hasBoundary', message: `Content-Type must be multipart/form-data with a boundary: ${(error as Error).message}` }]),
      );
    }
    let sawFile = false;
    /** What the caller streams to storage, once the head is checked. */
    let body: PassThrough | undefined;
    // A body that ends early (or a client that goes away) errors the part's stream: before the
    // content check that refuses the upload, after it that fails the caller's stream, so storage
    // stops and removes what it wrote. Never unhandled: an unhandled stream error ends the process.
    const broken = (error: Error): void => {
      const problem = error instanceof ValidationProblem ? error : malformed(error);
      fail(problem);
      body?.destroy(problem);
    };
    req.once('error', broken);
    parser.on('file', (field, stream, info) => {
      sawFile = true;
      stream.on('error', broken);
      if (field !== 'file') {
        stream.resume();
        return fail(new ValidationProblem([{ field: 'file', rule: 'isNotEmpty', message: 'the upload must be in a part named "file"' }]));
      }
      const filename = info.filename ?? '';
      const bad = checkFilename(filename);
      if (bad) {
        stream.resume();
        return fail(new ValidationProblem([{ field: 'filename', rule: 'isPlainFileName', message: bad }]));
      }
      const head: Buffer[] = [];
      let headBytes = 0;
      const decide = async (): Promise<void> => {
        stream.pause();
        stream.off('data', onData);
        stream.off('end', onEnd);
        const buffer = Buffer.concat(head);
        const type = await sniffContentType(buffer.subarray(0, SNIFF_BYTES));
        if (!type || type.startsWith('refused:')) {
          stream.resume();
          const what = type ? type.slice('refused:'.length) : 'an unrecognised binary format';
          return fail(unsupported(`The file's content is ${what}; accepted: ${Object.values(ALLOWED_TYPES).join(', ')}`));
        }
        body = new PassThrough();
        body.write(buffer);
        stream.pipe(body);
        settled = true;
        resolve({ filename, contentType: type, stream: body, drain: () => stream.resume() });
      };
      const onData = (chunk: Buffer): void => {
        head.push(chunk);
        headBytes += chunk.length;
        if (headBytes >= SNIFF_BYTES) void decide().catch(fail);
      };
      const onEnd = (): void => {
        if (headBytes === 0) return fail(new ValidationProblem([{ field: 'file', rule: 'isNotEmpty', message: 'the file is empty' }]));
        void decide().catch(fail);
      };
      stream.on('data', onData);
      stream.on('end', onEnd);
    });
    parser.on('error', broken);
    parser.on('close', () => {
      if (!sawFile) fail(new ValidationProblem([{ field: 'file', rule: 'isNotEmpty', message: 'no part named "file" was sent' }]));
    });
    req.pipe(parser);
  });
}
