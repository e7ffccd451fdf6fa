// `pnpm -s rapport <command>`: runs the prebuilt CLI bundle (server/dist/rapport.mjs), building it
// first when a source file changed since (see cli-build.mjs).
import { pathToFileURL } from 'node:url';
import { ensureCliBuilt } from './cli-build.mjs';

await import(pathToFileURL(await ensureCliBuilt()).href);
