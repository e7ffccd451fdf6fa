import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { importProgressBar } from './progress.ts';

function stream(isTTY: boolean) {
  const s = Object.assign(new PassThrough(), { isTTY, columns: 100 });
  let text = '';
  s.on('data', (chunk: Buffer) => {
    text += chunk.toString('utf8');
  });
  return { s, text: () => text };
}

describe('import progress bar', () => {
  it('draws bytes read, then rows written, on a terminal', () => {
    const { s, text } = stream(true);
    const bar = importProgressBar(s);
    bar.onProgress({ phase: 'reading', done: 0, total: 2 * 2 ** 20 });
    bar.onProgress({ phase: 'reading', done: 2 ** 20, total: 2 * 2 ** 20 });
    bar.onProgress({ phase: 'writing', done: 5000, total: 10_000 });
    bar.stop();
    // cli-progress draws the first frame at once and the last one on stop.
    expect(text()).toContain('Reading');
    expect(text()).toContain('0.0/2.0 MiB');
    expect(text()).toContain('Importing');
    expect(text()).toContain('5,000/10,000 rows');
    expect(text()).toContain('50%');
  });

  it('stays silent when stderr is not a terminal (CI, pipes, tests)', () => {
    const { s, text } = stream(false);
    const bar = importProgressBar(s);
    bar.onProgress({ phase: 'writing', done: 5, total: 10 });
    bar.stop();
    expect(text()).toBe('');
  });
});
