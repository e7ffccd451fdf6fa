import { createReadStream } from 'node:fs';
import { basename } from 'node:path';
import { Readable } from 'node:stream';
import iconv from 'iconv-lite';
import Papa from 'papaparse';

/** An uploaded or on-disk file that can be read more than once (encoding detection, then parsing). */
export interface ByteSource {
  name: string;
  chunks(): AsyncIterable<Uint8Array>;
}

export type TextEncoding = 'utf-8' | 'windows-1252';

export function bufferSource(name: string, bytes: Uint8Array): ByteSource {
  return {
    name,
    async *chunks() {
      yield bytes;
    },
  };
}

export function fileSource(path: string): ByteSource {
  return { name: basename(path), chunks: () => createReadStream(path, { highWaterMark: 1 << 20 }) };
}

/** UTF-8 when every byte sequence is valid UTF-8 (a BOM included), else Windows-1252 (spreadsheet exports). */
export async function detectEncoding(source: ByteSource): Promise<TextEncoding> {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  try {
    for await (const chunk of source.chunks()) decoder.decode(chunk, { stream: true });
    decoder.decode();
    return 'utf-8';
  } catch {
    return 'windows-1252';
  }
}

/** The whole text of a small source (vCards), decoded as detected, without a BOM. */
export async function readText(source: ByteSource): Promise<string> {
  const encoding = await detectEncoding(source);
  const parts: Buffer[] = [];
  for await (const chunk of source.chunks()) parts.push(Buffer.from(chunk));
  return iconv.decode(Buffer.concat(parts), encoding === 'utf-8' ? 'utf8' : 'win1252');
}

/**
 * The CSV records of a source as arrays of fields, streamed (decoded, BOM stripped, parsed by
 * papaparse), so a million-line file is never held in memory. Blank lines are skipped.
 */
export async function* csvRecords(source: ByteSource, encoding: TextEncoding): AsyncGenerator<string[]> {
  const parser = Papa.parse(Papa.NODE_STREAM_INPUT, { skipEmptyLines: 'greedy' });
  const bytes = Readable.from(source.chunks());
  const decoder = iconv.decodeStream(encoding === 'utf-8' ? 'utf8' : 'win1252');
  // pipe() does not forward errors: a read failure must end the iteration, not hang it.
  bytes.on('error', (err) => parser.destroy(err));
  decoder.on('error', (err) => parser.destroy(err));
  try {
    for await (const record of bytes.pipe(decoder).pipe(parser) as AsyncIterable<string[]>) yield record;
  } finally {
    bytes.destroy();
  }
}
