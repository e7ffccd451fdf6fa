import { createReadStream, statSync } from 'node:fs';
import { basename } from 'node:path';
import { Readable } from 'node:stream';
import iconv from 'iconv-lite';
import Papa from 'papaparse';

/** An uploaded or on-disk file that can be read more than once (encoding detection, then parsing). */
export interface ByteSource {
  name: string;
  /** Its length in bytes when known (progress). */
  size?: number;
  chunks(): AsyncIterable<Uint8Array>;
}

/** The same source, calling `onBytes` with the running count of bytes handed out by each read. */
export function countingSource(source: ByteSource, onBytes: (read: number) => void): ByteSource {
  return {
    ...source,
    async *chunks() {
      let read = 0;
      for await (const chunk of source.chunks()) {
        read += chunk.byteLength;
        onBytes(read);
        yield chunk;
      }
    },
  };
}

export const TEXT_ENCODINGS = ['utf-8', 'utf-16le', 'utf-16be', 'windows-1252', 'gb18030'] as const;
export type TextEncoding = (typeof TEXT_ENCODINGS)[number];

const ICONV_NAME: Record<TextEncoding, string> = {
  'utf-8': 'utf8',
  'utf-16le': 'utf16le',
  'utf-16be': 'utf16be',
  'windows-1252': 'win1252',
  gb18030: 'gb18030',
};

export const DELIMITERS = [',', ';', '\t', '|'] as const;
export type Delimiter = (typeof DELIMITERS)[number];

export function bufferSource(name: string, bytes: Uint8Array): ByteSource {
  return {
    name,
    size: bytes.byteLength,
    async *chunks() {
      // Slices, so a reader of a large upload sees it arrive in parts (progress, backpressure).
      for (let at = 0; at < bytes.byteLength; at += 1 << 20) yield bytes.subarray(at, at + (1 << 20));
    },
  };
}

export function fileSource(path: string): ByteSource {
  return {
    name: basename(path),
    size: statSync(path).size,
    chunks: () => createReadStream(path, { highWaterMark: 1 << 20 }),
  };
}

/** The first `limit` bytes of a source. */
export async function head(source: ByteSource, limit = 1 << 16): Promise<Buffer> {
  const parts: Buffer[] = [];
  let size = 0;
  for await (const chunk of source.chunks()) {
    parts.push(Buffer.from(chunk));
    size += chunk.byteLength;
    if (size >= limit) break;
  }
  return Buffer.concat(parts).subarray(0, limit);
}

/** UTF-16 without a BOM: NULs in every other byte of mostly-ASCII text. */
function utf16WithoutBom(bytes: Buffer): TextEncoding | null {
  const n = Math.min(bytes.length, 4096) & ~1;
  if (n < 4) return null;
  let evenZeros = 0;
  let oddZeros = 0;
  for (let i = 0; i < n; i += 2) {
    if (bytes[i] === 0) evenZeros += 1;
    if (bytes[i + 1] === 0) oddZeros += 1;
  }
  const pairs = n / 2;
  if (oddZeros > pairs * 0.6 && evenZeros < pairs * 0.1) return 'utf-16le';
  if (evenZeros > pairs * 0.6 && oddZeros < pairs * 0.1) return 'utf-16be';
  return null;
}

/**
 * Chinese (GBK/GB18030) text has its non-ASCII bytes in pairs, both ≥ 0x81; Western Windows-1252
 * text has them alone among ASCII letters ("Chloé Müller"). Counts which pattern the bytes follow.
 */
function looksLikeGb18030(bytes: Buffer): boolean {
  let pairs = 0;
  let singles = 0;
  for (let i = 0; i < bytes.length; i += 1) {
    const b = bytes[i] as number;
    if (b < 0x80) continue;
    const next = bytes[i + 1] ?? 0;
    if (b >= 0x81 && b <= 0xfe && next >= 0x81 && next <= 0xfe) {
      pairs += 1;
      i += 1;
    } else if (b >= 0x81 && b <= 0xfe && next >= 0x30 && next <= 0x39) {
      // A four-byte GB18030 sequence: 81–FE, 30–39, 81–FE, 30–39.
      pairs += 1;
      i += 3;
    } else singles += 1;
  }
  return pairs > 0 && pairs >= singles * 4;
}

/**
 * The text encoding of a source: a BOM says it (UTF-8, UTF-16 LE/BE); UTF-16 without one shows as
 * NUL bytes; valid UTF-8 is UTF-8; else GB18030 (Chinese platforms and Excel on a Chinese Windows)
 * when the bytes pair up as Chinese characters do, else Windows-1252 (Western spreadsheet exports).
 */
export async function detectEncoding(source: ByteSource): Promise<TextEncoding> {
  const start = await head(source, 4096);
  if (start[0] === 0xff && start[1] === 0xfe) return 'utf-16le';
  if (start[0] === 0xfe && start[1] === 0xff) return 'utf-16be';
  const utf16 = start[0] === 0xef && start[1] === 0xbb ? null : utf16WithoutBom(start);
  if (utf16) return utf16;
  const decoder = new TextDecoder('utf-8', { fatal: true });
  try {
    for await (const chunk of source.chunks()) decoder.decode(chunk, { stream: true });
    decoder.decode();
    return 'utf-8';
  } catch {
    return looksLikeGb18030(await head(source, 1 << 20)) ? 'gb18030' : 'windows-1252';
  }
}

/** Decodes bytes (a BOM stripped). */
export function decode(bytes: Uint8Array, encoding: TextEncoding): string {
  return iconv.decode(Buffer.from(bytes), ICONV_NAME[encoding]);
}

/** The whole text of a small source (vCards), decoded as detected, without a BOM. */
export async function readText(source: ByteSource, encoding?: TextEncoding): Promise<string> {
  const detected = encoding ?? (await detectEncoding(source));
  const parts: Buffer[] = [];
  for await (const chunk of source.chunks()) parts.push(Buffer.from(chunk));
  return decode(Buffer.concat(parts), detected);
}

/**
 * The delimiter that splits the file's first lines into the same number (> 1) of fields most often,
 * quotes respected; title lines above the header do not disturb it. Comma when nothing splits.
 */
export function sniffDelimiter(sample: string): Delimiter {
  // A cut-off last line would count against the right delimiter.
  const text = sample.includes('\n') ? sample.slice(0, sample.lastIndexOf('\n')) : sample;
  let best: { delimiter: Delimiter; score: number } = { delimiter: ',', score: 0 };
  for (const delimiter of DELIMITERS) {
    const rows = Papa.parse<string[]>(text, { delimiter, preview: 50, skipEmptyLines: 'greedy' }).data;
    const counts = new Map<number, number>();
    for (const r of rows) if (r.length > 1) counts.set(r.length, (counts.get(r.length) ?? 0) + 1);
    // The most common width wins, weighted by how wide it is (a stray comma in a title splits in two).
    let score = 0;
    for (const [width, rowsOfWidth] of counts) score = Math.max(score, rowsOfWidth * 100 + width);
    if (score > best.score) best = { delimiter, score };
  }
  return best.delimiter;
}

/**
 * The CSV records of a source as arrays of fields, streamed (decoded, BOM stripped, parsed by
 * papaparse), so a million-line file is never held in memory. Blank lines are skipped; quoted
 * fields may hold newlines.
 */
export async function* csvRecords(
  source: ByteSource,
  encoding: TextEncoding,
  delimiter: Delimiter = ',',
): AsyncGenerator<string[]> {
  for await (const batch of csvBatches(source, encoding, delimiter)) yield* batch;
}

/**
 * csvRecords in batches: every record the parser holds when read, so a reader of many rows waits
 * once per batch rather than once per record.
 */
export async function* csvBatches(
  source: ByteSource,
  encoding: TextEncoding,
  delimiter: Delimiter = ',',
): AsyncGenerator<string[][]> {
  const parser = Papa.parse(Papa.NODE_STREAM_INPUT, { skipEmptyLines: 'greedy', delimiter });
  const bytes = Readable.from(source.chunks());
  const decoder = iconv.decodeStream(ICONV_NAME[encoding]);
  // pipe() does not forward errors: a read failure must end the iteration, not hang it.
  bytes.on('error', (err) => parser.destroy(err));
  decoder.on('error', (err) => parser.destroy(err));
  const records: Readable = bytes.pipe(decoder).pipe(parser);
  const next = () => records.read() as string[] | null;
  let ended = false;
  let failure: { error: unknown } | null = null;
  let wake: (() => void) | null = null;
  const signal = () => {
    const resume = wake;
    wake = null;
    resume?.();
  };
  records.on('readable', signal);
  records.on('end', () => {
    ended = true;
    signal();
  });
  records.on('error', (error) => {
    failure = { error };
    signal();
  });
  try {
    for (;;) {
      const batch: string[][] = [];
      for (let record = next(); record !== null; record = next()) batch.push(record);
      if (batch.length > 0) yield batch;
      if (failure) throw (failure as { error: unknown }).error;
      if (ended) return;
      if (batch.length === 0) await new Promise<void>((resolve) => (wake = resolve));
    }
  } finally {
    bytes.destroy();
    records.destroy();
  }
}
