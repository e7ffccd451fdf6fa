// The zod-free core of @rapport/shared: money, ids, dates, the domain engine, identity
// normalisation, text rules, channels, settings (types, limits, defaults, checks), HLCs, the
// translator and the import parsers. Content scripts and the dashboard import this (or a module
// under it) without pulling in zod; `core.test.ts` walks the import graph to keep it that way.
// The zod schemas built on it are in ./schemas/ and ./sync/ (the wire protocol).
export * from './channels.ts';
export * from './csv-cell.ts';
export * from './domain/index.ts';
export * from './entities.ts';
export * from './i18n.ts';
export * from './identity/index.ts';
export * from './ids.ts';
export * from './limits.ts';
export * from './money.ts';
export * from './parsing/amounts.ts';
export * from './parsing/date-formats.ts';
export * from './settings.ts';
export * from './sync/canonical.ts';
export * from './sync/hlc.ts';
export * from './text.ts';
