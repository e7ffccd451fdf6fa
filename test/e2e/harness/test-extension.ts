// A throwaway unpacked MV3 extension written to a temp dir, for testing the harness itself (and for
// probing browser behaviour without building the real extension).
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface TestExtensionSpec {
  /** Service worker source (MV3 needs one for the harness to find the extension id). */
  background?: string;
  /** One content script per entry: match patterns and the script's source. */
  contentScripts?: readonly {
    matches: readonly string[];
    js: string;
    runAt?: 'document_start' | 'document_end' | 'document_idle';
  }[];
  hostPermissions?: readonly string[];
  /** Merged over the generated manifest. */
  manifest?: Record<string, unknown>;
}

export interface TestExtension {
  dir: string;
  remove(): void;
}

export function buildTestExtension(spec: TestExtensionSpec = {}): TestExtension {
  const dir = mkdtempSync(join(tmpdir(), 'rapport-test-ext-'));
  writeFileSync(join(dir, 'background.js'), spec.background ?? '// harness probe\n');
  const contentScripts = (spec.contentScripts ?? []).map((cs, i) => {
    writeFileSync(join(dir, `content-${i}.js`), cs.js);
    return { matches: cs.matches, js: [`content-${i}.js`], run_at: cs.runAt ?? 'document_idle' };
  });
  const manifest = {
    manifest_version: 3,
    name: 'Rapport harness probe',
    version: '0.0.1',
    background: { service_worker: 'background.js' },
    content_scripts: contentScripts,
    host_permissions: spec.hostPermissions ?? [],
    ...spec.manifest,
  };
  writeFileSync(join(dir, 'manifest.json'), JSON.stringify(manifest, null, 2));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}
