// fake-indexeddb gives Dexie an IndexedDB under Node; each test opens its own database (see db/testing.ts).
import 'fake-indexeddb/auto';
import { beforeEach } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';

beforeEach(() => {
  fakeBrowser.reset();
});
