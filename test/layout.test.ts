// The repository's shape is part of the product's contract: newcomers and CI rely on it.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..');

describe('repository layout', () => {
  it('holds exactly the agreed top-level entries (plus dotfiles and the lockfile)', () => {
    const tracked = execFileSync('git', ['ls-files'], { cwd: root, encoding: 'utf8' })
      .split('\n')
      .filter(Boolean)
      .map((f) => f.split('/')[0] as string);
    const top = [...new Set(tracked)].filter((f) => !f.startsWith('.') && f !== 'pnpm-lock.yaml').sort();
    expect(top).toEqual(
      [
        'README.md',
        'extension',
        'package.json',
        'pnpm-workspace.yaml',
        'server',
        'shared',
        'test',
        'tsconfig.json',
      ].sort(),
    );
  });

  it('CI runs the README test command, and the README gives both newcomer commands', () => {
    const ci = readFileSync(join(root, '.ci', 'run'), 'utf8');
    expect(ci).toMatch(/^npm test$/m);
    const readme = readFileSync(join(root, 'README.md'), 'utf8');
    expect(readme).toContain('npm start');
    expect(readme).toContain('npm test');
  });

  it('pins pnpm in the bootstrap script, not in package.json', () => {
    const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
    expect(pkg.packageManager).toBeUndefined();
    expect(readFileSync(join(root, 'server', 'scripts', 'bootstrap.mjs'), 'utf8')).toContain(
      "PNPM_VERSION = '12.21.0'",
    );
  });
});
