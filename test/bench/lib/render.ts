import type { PeerResult } from '../suites/peers.ts';
import {
  DURABILITY_HEADERS,
  durabilityCells,
  LOAD_HEADERS,
  loadCells,
  markdownTable,
} from './render-faults.ts';
import type { BenchReport, BundleSizes, Measurement } from './results.ts';
import { type TargetCheck, targetChecks } from './targets.ts';

/** 0.42 ms, 123 ms, 4.56 s */
export function formatMs(ms: number): string {
  if (ms < 1) return `${ms.toFixed(2)} ms`;
  if (ms < 1000) return `${ms.toFixed(ms < 10 ? 1 : 0)} ms`;
  return `${(ms / 1000).toFixed(2)} s`;
}

export function formatRatio(r: number | undefined): string {
  if (r === undefined) return '';
  if (!Number.isFinite(r)) return '∞';
  return `${r < 10 ? r.toFixed(2) : r.toFixed(1)}×`;
}

export function formatBytes(n: number): string {
  return n < 1024 ? `${n} B` : `${(n / 1024).toFixed(1)} KiB`;
}

function throughput(m: Measurement): string {
  if (!m.items || m.timing.median <= 0) return '';
  const perSecond = m.items.count / (m.timing.median / 1000);
  const shown = perSecond >= 100 ? Math.round(perSecond).toLocaleString('en-US') : perSecond.toFixed(1);
  return `${shown} ${m.items.unit}/s`;
}

const HEADERS = [
  'Benchmark',
  'Store',
  'Median',
  'Runs',
  'Throughput',
  'Baseline',
  'Baseline median',
  'Ratio',
];

function cells(m: Measurement): string[] {
  return [
    m.name,
    m.store ?? '—',
    formatMs(m.timing.median),
    String(m.timing.runs),
    throughput(m),
    m.baseline?.name ?? '',
    m.baseline ? formatMs(m.baseline.timing.median) : '',
    formatRatio(m.ratio),
  ];
}

const docsPerSecond = (docs: number, ms: number) => Math.round(docs / (ms / 1000)).toLocaleString('en-US');

export const PEER_HEADERS = [
  'Path',
  'Store',
  'Docs',
  'Rapport median',
  'Rapport docs/s',
  'Peer',
  'Peer median',
  'Peer docs/s',
  'Speed-up',
  'Floor median',
  'Floor docs/s',
  'Floor speed-up',
  'Runs',
  'Load avg',
];

/** Rapport vs PouchDB: medians, docs/s, and Rapport's speed-up (above 1×: faster than the peer). */
export function peerCells(p: PeerResult): string[] {
  return [
    `${p.path} ${p.docs.toLocaleString('en-US')} contacts`,
    p.store,
    p.docs.toLocaleString('en-US'),
    formatMs(p.rapportMs),
    docsPerSecond(p.docs, p.rapportMs),
    p.peer,
    formatMs(p.peerMs),
    docsPerSecond(p.docs, p.peerMs),
    formatRatio(p.speedup),
    p.floorMs === undefined ? '' : formatMs(p.floorMs),
    p.floorMs === undefined ? '' : docsPerSecond(p.docs, p.floorMs),
    p.floorMs === undefined ? '' : formatRatio(p.peerMs / p.floorMs),
    String(p.runs),
    p.load.toFixed(1),
  ];
}

export const TARGET_HEADERS = [
  'Target (issue #10)',
  'Store',
  'Rapport',
  'Peer / baseline',
  'Ratio',
  'Bound',
  'Met',
];

/** One target: Rapport's median beside the peer's, the ratio, the bound and whether it held. */
export function targetCells(t: TargetCheck): string[] {
  return [
    t.path,
    t.store,
    formatMs(t.rapportMs),
    `${t.peer} ${formatMs(t.peerMs)}`,
    formatRatio(t.ratio),
    t.bound,
    t.met ? 'yes' : 'no',
  ];
}

/** A fixed-width text table for the terminal. */
export function textTable(report: BenchReport): string {
  const rows = [HEADERS, ...report.measurements.map(cells)];
  const widths = HEADERS.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length)));
  const line = (r: string[]) =>
    r
      .map((c, i) => c.padEnd(widths[i] ?? 0))
      .join('  ')
      .trimEnd();
  const out = [
    line(rows[0] as string[]),
    widths.map((w) => '-'.repeat(w)).join('  '),
    ...rows.slice(1).map(line),
  ];
  const noted = measurementNotes(report);
  if (noted.length > 0) out.push('', ...noted.map((n) => `  ${n}`));
  for (const [headers, rows] of [
    [PEER_HEADERS, report.peers.map(peerCells)],
    [TARGET_HEADERS, targetChecks(report).map(targetCells)],
    [LOAD_HEADERS, report.loadRuns.map(loadCells)],
    [DURABILITY_HEADERS, report.durability.map(durabilityCells)],
  ] as const) {
    if (rows.length === 0) continue;
    out.push('', ...rows.map((r) => r.map((c, i) => `${headers[i]}: ${c}`).join('; ')));
  }
  if (report.bundles) {
    out.push(
      '',
      `Content-script bundles (${report.bundles.dir}${report.bundles.built ? ', built by this run' : ''}):`,
    );
    if (report.bundles.files.length === 0)
      out.push(`  none${report.bundles.note ? `: ${report.bundles.note}` : ''}`);
    for (const f of report.bundles.files)
      out.push(`  ${f.file}  ${formatBytes(f.bytes)} raw, ${formatBytes(f.gzipBytes)} gzip`);
  }
  out.push('', header(report));
  return out.join('\n');
}

/** "import 10,000-line … (sqlite): load average 1.2–1.9 during the runs", per measurement with a note. */
function measurementNotes(report: BenchReport): string[] {
  return report.measurements.filter((m) => m.note).map((m) => `${m.name} (${m.store ?? '—'}): ${m.note}`);
}

function header(r: BenchReport): string {
  const m = r.machine;
  return (
    `Scale ${r.scale.name}, stores ${r.stores.join(' + ') || 'none'}, ${r.wallSeconds.toFixed(0)} s wall, ` +
    `Node ${m.node} on ${m.platform}, ${m.cpus} × ${m.cpuModel}, ${m.memoryGb} GB, ` +
    `load average ${r.load.start.toFixed(1)} → ${r.load.end.toFixed(1)}, ${r.startedAt}`
  );
}

const escapeCell = (s: string) => s.replaceAll('|', '\\|');

function bundleMarkdown(b: BundleSizes): string[] {
  const out = ['', `Content-script bundles (\`${b.dir}\`):`, ''];
  if (b.files.length === 0) return [...out, `None built${b.note ? `: ${b.note}` : ''}.`];
  out.push('| File | Raw | gzip |', '| --- | ---: | ---: |');
  for (const f of b.files)
    out.push(`| \`${f.file}\` | ${formatBytes(f.bytes)} | ${formatBytes(f.gzipBytes)} |`);
  if (b.note) out.push('', b.note);
  return out;
}

/** The README snippet: the table, the bundle sizes, how each number was made, and what ran. */
export function markdown(report: BenchReport): string {
  const out = [
    '### Benchmarks',
    '',
    `\`pnpm bench\` (${header(report)}). Ratio = the product's median time ÷ the baseline's median in the same run; lower is better.`,
    '',
    `| ${HEADERS.join(' | ')} |`,
    '| --- | --- | ---: | ---: | ---: | --- | ---: | ---: |',
    ...report.measurements.map((m) => `| ${cells(m).map(escapeCell).join(' | ')} |`),
  ];
  const noted = measurementNotes(report);
  if (noted.length > 0) out.push('', ...noted.map((n) => `- ${n}`));
  out.push(...markdownTable(PEER_HEADERS, report.peers.map(peerCells)));
  out.push(...markdownTable(TARGET_HEADERS, targetChecks(report).map(targetCells)));
  out.push(...markdownTable(LOAD_HEADERS, report.loadRuns.map(loadCells)));
  out.push(...markdownTable(DURABILITY_HEADERS, report.durability.map(durabilityCells)));
  if (report.bundles) out.push(...bundleMarkdown(report.bundles));
  if (report.notes.length > 0)
    out.push('', 'How these were measured:', '', ...report.notes.map((n) => `- ${n}`));
  return `${out.join('\n')}\n`;
}
