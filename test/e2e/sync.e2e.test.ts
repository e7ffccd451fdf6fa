// Extension core end to end: sign in through the side panel, work offline, come back online and sync
// both ways with the real server (its store survives the restart, as a real server's database does).
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  type ExtensionBrowser,
  launchBrowserWithExtension,
  type RapportServer,
  screenshot,
  startServer,
} from './harness/index.ts';
import { builtExtension, type PreparedExtension } from './pages/extension.ts';
import {
  addContact,
  type ContactRow,
  type InteractionRow,
  RapportApi,
  RestartableListener,
} from './pages/rapport-api.ts';
import { SidePanel } from './pages/side-panel.ts';

describe('side panel sync with the real server', () => {
  let server: RapportServer;
  let listener: RestartableListener;
  let browser: ExtensionBrowser;
  let panel: SidePanel;
  let api: RapportApi;
  let extension: PreparedExtension;

  beforeAll(async () => {
    extension = builtExtension();
    server = await startServer();
    listener = await RestartableListener.start(server);
    api = await RapportApi.as(server);
    browser = await launchBrowserWithExtension(extension.dir);
    panel = await SidePanel.open(browser);
    await panel.signIn(listener.url, server.admin.email, server.admin.password);
  });

  // A test that takes the server down must not leave it down for the next.
  afterEach(() => listener.restart());

  afterAll(async () => {
    await browser?.close();
    await listener?.stop();
    await server?.close();
    extension?.remove();
  });

  it('keeps a contact and a note made while the server is down, and uploads them when it is back', async () => {
    await listener.stop();
    await panel.createContact({ name: 'Olive Offline', email: 'Olive.Offline@Example.org', title: 'Buyer' });
    await panel.logNote('Called from the train, no signal');
    // A work-email domain also creates its company: three mutations wait in the outbox.
    expect(await panel.outbox()).toEqual(['company.upsert', 'contact.upsert', 'interaction.add']);
    expect(await panel.pendingCount()).toBe(3);
    expect(await panel.indicator.textContent()).toBe('3 changes waiting');
    await panel.page.getByRole('button', { name: 'Sync now' }).click();
    await expect.poll(() => panel.indicator.textContent(), { timeout: 10_000 }).toBe('Sync problem');
    expect(await panel.page.locator('.card.warn').textContent()).toContain('Cannot reach the server');
    expect(await panel.pendingCount()).toBe(3);
    expect(await api.list('contacts', { search: 'Olive' })).toEqual([]);

    await listener.restart();
    await panel.syncNow();
    expect(await panel.pendingCount()).toBe(0);
    await screenshot(panel.page, 'e2e/sidepanel-after-sync');

    const contacts = await api.list<ContactRow>('contacts', { search: 'Olive' });
    expect(contacts.map((c) => [c.name, c.emails, c.title])).toEqual([
      ['Olive Offline', ['olive.offline@example.org'], 'Buyer'],
    ]);
    const interactions = await api.list<InteractionRow>('interactions', { contactId: contacts[0]!.id });
    expect(interactions.map((i) => [i.kind, i.summary])).toEqual([
      ['note', 'Called from the train, no signal'],
    ]);
  });

  it('shows a contact created through the REST API after a sync', async () => {
    await addContact(api, { name: 'Rita Remote', emails: ['rita.remote@example.net'], title: 'Head of Ops' });
    // No "absent before" check: the server's live poke may pull it before the button is pressed.
    await panel.syncNow();
    await expect.poll(() => panel.search('rita.remote')).toEqual(['Rita Remote']);
    await expect.poll(() => panel.search('Remote')).toEqual(['Rita Remote']);
    await screenshot(panel.page, 'e2e/sidepanel-search-after-pull');
  });
});
