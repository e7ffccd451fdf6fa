import cliProgress from 'cli-progress';
import type { ImportProgress, OnImportProgress } from '../imports/orders.ts';

const LABEL: Record<ImportProgress['phase'], string> = {
  reading: 'Reading  ',
  writing: 'Importing',
  metrics: 'Metrics  ',
};

/** Where a progress bar may draw: a terminal's stderr. */
export interface ProgressStream extends NodeJS.WritableStream {
  isTTY?: boolean;
}

/**
 * A progress bar for an import on stderr (cli-progress): bytes while the file is read to learn its
 * shape, rows while they are written, then the metrics step. Only when stderr is a terminal, so CI
 * logs, pipes and tests stay quiet.
 */
export function importProgressBar(stream: ProgressStream = process.stderr): {
  onProgress: OnImportProgress;
  stop(): void;
} {
  if (!stream.isTTY) return { onProgress: () => undefined, stop: () => undefined };
  const bar = new cliProgress.SingleBar(
    {
      stream,
      format: '{phase} |{bar}| {percentage}% {amount}',
      hideCursor: true,
      clearOnComplete: true,
      fps: 10,
    },
    cliProgress.Presets.shades_classic,
  );
  let phase: ImportProgress['phase'] | null = null;
  const amount = (p: ImportProgress) =>
    p.phase === 'reading'
      ? `${(p.done / 2 ** 20).toFixed(1)}/${(p.total / 2 ** 20).toFixed(1)} MiB`
      : p.phase === 'writing'
        ? `${p.done.toLocaleString('en-US')}/${p.total.toLocaleString('en-US')} rows`
        : '';
  return {
    onProgress(p) {
      const total = Math.max(p.total, 1);
      const value = p.phase === 'metrics' ? 1 : Math.min(p.done, total);
      const payload = { phase: LABEL[p.phase], amount: amount(p) };
      if (phase === null) bar.start(total, value, payload);
      else if (phase !== p.phase) {
        bar.setTotal(total);
        bar.update(value, payload);
      } else bar.update(value, payload);
      phase = p.phase;
    },
    stop() {
      if (phase !== null) bar.stop();
    },
  };
}
