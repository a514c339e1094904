import type { Response } from 'supertest';
import { extractText, getDocumentProxy } from 'unpdf';

/** Reads a response body as bytes (supertest buffers only known types otherwise): `.buffer(true).parse(binary)`. */
export const binary = (res: Response, cb: (err: Error | null, body: Buffer) => void): void => {
  const stream = res as unknown as NodeJS.ReadableStream;
  const chunks: Buffer[] = [];
  stream.on('data', (c: Buffer) => chunks.push(c));
  stream.on('end', () => cb(null, Buffer.concat(chunks)));
};

/** The text of a PDF, pages merged. */
export async function pdfText(bytes: Buffer): Promise<string> {
  const { text } = await extractText(await getDocumentProxy(new Uint8Array(bytes)), { mergePages: true });
  return text;
}
