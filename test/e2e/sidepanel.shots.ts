// DRAFT (extension core): screenshots of the side panel in English and Chinese, for a person to look
// at. Run: cd test && pnpm exec tsx e2e/sidepanel.shots.ts [outDir]  (build the extension first).
// The extension syncs for real from an in-memory server speaking the sync protocol (the extension's
// FakeServer over HTTP); the lead may swap in the real server once it serves seeded metrics.

import { mkdir } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join, resolve } from 'node:path';
import { newId } from '@rapport/shared/ids';
import { stateFromEntity } from '@rapport/shared/sync/changes';
import { formatHlc } from '@rapport/shared/sync/hlc';
import type { Page } from 'playwright-core';
import { FakeServer } from '../../extension/sync/testing/fake-server.ts';
import { launchBrowserWithExtension } from './harness/chromium.ts';

const OUT = resolve(process.argv[2] ?? join(import.meta.dirname, '..', '..', '.tmp', 'shots'));
const EXTENSION = join(import.meta.dirname, '..', '..', 'extension', '.output', 'chrome-mv3');
const NOW = Date.now();
const DAY = 86_400_000;
const iso = (msAgo: number) => new Date(NOW - msAgo).toISOString();
const day = (daysFromNow: number) => new Date(NOW + daysFromNow * DAY).toISOString().slice(0, 10);
let counter = 0;
const hlc = () => formatHlc({ wall: NOW - 1000, counter: counter++, node: 'seed' });

/** The team's data on the server: customers with metrics, contacts, a timeline, pipeline. */
function seed(server: FakeServer, authorId: string) {
  const window = { from: day(-364), to: day(1), asOf: day(0), historical: false };
  const months = (profits: string[]) =>
    profits.map((profit, i) => {
      const d = new Date(NOW);
      d.setUTCDate(1);
      d.setUTCMonth(d.getUTCMonth() - (11 - i));
      return {
        month: d.toISOString().slice(0, 7),
        revenue: profit.startsWith('-') ? '1200.00' : (Number(profit) * 4).toFixed(2),
        profit,
      };
    });
  const customer = (
    name: string,
    externalId: string | null,
    kind: 'company' | 'person' = 'company',
    domains: string[] = [],
  ) => {
    const id = newId();
    server.putRow(
      'customer',
      stateFromEntity(
        'customer',
        {
          id,
          createdAt: iso(400 * DAY),
          externalId,
          name,
          kind,
          domains,
          emails: [],
          ownerId: null,
          currency: null,
        },
        hlc(),
      ),
    );
    return id;
  };
  const metrics = (
    customerId: string,
    tier: 'A' | 'B' | 'C' | 'D',
    revenue: string,
    profit: string,
    margin: string,
    orders: number,
    profits: string[],
  ) =>
    server.putRow(
      'customerMetrics',
      stateFromEntity(
        'customerMetrics',
        {
          customerId,
          revenue,
          profit,
          orders,
          margin,
          tier,
          lastOrderAt: day(-12),
          months: months(profits),
          window,
        },
        hlc(),
      ),
    );
  const contact = (name: string, fields: Record<string, unknown> = {}) => {
    const id = newId();
    const base = {
      id,
      createdAt: iso(200 * DAY),
      name,
      emails: [],
      phones: [],
      handles: [],
      customerId: null,
      companyId: null,
      title: null,
      ownerId: null,
      tags: [],
      preferences: { channel: null, language: null, interests: [], giftNotes: null },
      birthday: null,
      source: 'gmail',
      sourceUrl: null,
      followUpOn: null,
      location: null,
    };
    server.putRow('contact', stateFromEntity('contact', { ...base, ...fields } as never, hlc()));
    return id;
  };
  const interaction = (
    contactId: string,
    customerId: string | null,
    msAgo: number,
    fields: Record<string, unknown>,
  ) =>
    server.putRow(
      'interaction',
      stateFromEntity(
        'interaction',
        {
          id: newId(),
          createdAt: iso(msAgo),
          contactId,
          customerId,
          kind: 'email',
          channel: 'email',
          direction: 'in',
          at: iso(msAgo),
          subject: null,
          summary: null,
          body: null,
          sourceUrl: null,
          sourceKey: null,
          authorId,
          supersedes: null,
          ...fields,
        } as never,
        hlc(),
      ),
    );

  const acme = customer('Acme Corp', 'AC-10442', 'company', ['acme.com']);
  metrics(acme, 'A', '184220.5000', '52311.2875', '0.2839', 41, [
    '3120.00',
    '4210.50',
    '2980.10',
    '5120.00',
    '4400.75',
    '3900.00',
    '6100.20',
    '4700.00',
    '3800.40',
    '5300.00',
    '4200.00',
    '4480.3175',
  ]);
  const sm = customer('Sean Miller', 'SM-20320', 'person');
  metrics(sm, 'D', '25043.0000', '-1980.4316', '-0.0791', 9, [
    '-120.00',
    '80.00',
    '-640.20',
    '45.10',
    '-300.00',
    '-90.00',
    '210.00',
    '-515.34',
    '-150.00',
    '-240.00',
    '60.00',
    '-320.0016',
  ]);
  customer('Grace Hopper', 'GH-7', 'person');
  const globex = customer('Globex', 'GL-3301');
  metrics(globex, 'B', '48200.00', '9120.00', '0.1892', 12, [
    '500.00',
    '800.00',
    '700.00',
    '900.00',
    '650.00',
    '720.00',
    '810.00',
    '760.00',
    '880.00',
    '940.00',
    '700.00',
    '760.00',
  ]);

  const ada = contact('Ada Lovelace', {
    emails: ['ada@acme.com'],
    customerId: acme,
    title: 'Head of Purchasing',
    location: 'London',
    handles: [{ network: 'linkedin', id: 'ada-lovelace-1815' }],
    phones: ['+442079460018'],
  });
  interaction(ada, acme, 19 * DAY, {
    subject: 'Re: Q3 pricing',
    summary: 'Asked for volume pricing on the 2026 range.',
  });
  interaction(ada, acme, 26 * DAY, {
    kind: 'call',
    channel: 'phone',
    direction: 'out',
    summary: 'Walked through the renewal; wants a quote by Friday.',
  });
  interaction(ada, acme, 60 * DAY, {
    kind: 'meeting',
    channel: 'in-person',
    direction: 'out',
    summary: 'Site visit with the ops team.',
  });
  server.putRow(
    'opportunity',
    stateFromEntity(
      'opportunity',
      {
        id: newId(),
        createdAt: iso(30 * DAY),
        contactId: ada,
        customerId: acme,
        title: '2026 renewal',
        amount: '96000.00',
        expectedMargin: '0.28',
        stage: 'proposal',
        closeDate: day(21),
        ownerId: null,
        notes: null,
      },
      hlc(),
    ),
  );
  server.putRow(
    'ticket',
    stateFromEntity(
      'ticket',
      {
        id: newId(),
        createdAt: iso(10 * DAY),
        contactId: ada,
        customerId: acme,
        orderId: 'CA-2017-152156',
        channel: 'email',
        category: 'delivery',
        severity: 'medium',
        status: 'in-progress',
        title: 'Late delivery of chairs',
        description: null,
        resolution: null,
        resolvedAt: null,
        satisfaction: null,
        ownerId: null,
      },
      hlc(),
    ),
  );

  const sean = contact('Sean Miller', {
    emails: ['sean.miller@example.com'],
    customerId: sm,
    title: 'Owner',
    location: 'Chicago, IL',
  });
  interaction(sean, sm, 100 * DAY, { subject: 'Discount request', summary: 'Wants another 15% off.' });
  const grace = contact('Grace Hopper', {
    emails: ['grace@navy.example'],
    title: 'Rear Admiral',
    birthday: `1906-${day(0).slice(5)}`,
  });
  interaction(grace, null, 3 * DAY, {
    kind: 'note',
    channel: 'other',
    direction: 'out',
    summary: 'Prefers calls before 10 am.',
  });
  const wang = contact('王芳', {
    emails: ['wang.fang@globex.cn'],
    customerId: globex,
    title: '采购经理',
    location: '上海',
  });
  interaction(wang, globex, 33 * DAY, {
    kind: 'social',
    channel: 'wechat',
    direction: 'in',
    summary: '询问新品目录',
  });
  contact('Peter Gibbons', { emails: ['peter@initech.com'], followUpOn: day(2), title: 'Engineer' });
  return { ada, sean, grace };
}

async function serve(server: FakeServer): Promise<{ url: string; close: () => void }> {
  const http = createServer(async (req, res) => {
    const cors = {
      'access-control-allow-origin': '*',
      'access-control-allow-headers': 'authorization, content-type',
      'access-control-allow-methods': 'GET, POST, OPTIONS',
    };
    if (req.method === 'OPTIONS') {
      res.writeHead(204, cors).end();
      return;
    }
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks).toString();
    const response = await server.fetch(`http://127.0.0.1${req.url}`, {
      method: req.method,
      headers: req.headers as Record<string, string>,
      ...(body ? { body } : {}),
    });
    res
      .writeHead(response.status, { ...cors, 'content-type': 'application/json' })
      .end(await response.text());
  });
  await new Promise<void>((r) => http.listen(0, '127.0.0.1', r));
  return { url: `http://127.0.0.1:${(http.address() as AddressInfo).port}`, close: () => http.close() };
}

/** Writes the signed-in account and settings straight into the extension's IndexedDB (as auth.signIn would). */
async function signInDirectly(page: Page, account: unknown, settings: unknown) {
  await page.evaluate(
    ({ account, settings }) =>
      new Promise<void>((done, fail) => {
        const open = indexedDB.open('rapport');
        open.onerror = () => fail(open.error);
        open.onsuccess = () => {
          const tx = open.result.transaction(['syncState', 'settings'], 'readwrite');
          tx.objectStore('syncState').put({ key: 'account', value: account });
          tx.objectStore('settings').put({ key: 'local', value: settings });
          tx.oncomplete = () => {
            open.result.close();
            done();
          };
          tx.onerror = () => fail(tx.error);
        };
      }),
    { account, settings },
  );
}

const send = (page: Page, command: Record<string, unknown>) =>
  page.evaluate((c) => chrome.runtime.sendMessage(c), command);

async function shoot(page: Page, name: string, fullPage = false) {
  await page.waitForTimeout(300);
  const path = join(OUT, `${name}.png`);
  await page.screenshot({ path, fullPage });
  console.log(path);
}

async function main() {
  await mkdir(OUT, { recursive: true });
  const server = new FakeServer();
  const user = server.addUser('rita@acme.com', 'secret-pass', 'Rita Rep');
  const { ada } = seed(server, user.id);
  const http = await serve(server);
  const browser = await launchBrowserWithExtension(EXTENSION);
  try {
    const page = await browser.context.newPage();
    page.on(
      'console',
      (m) => (m.type() === 'error' || m.type() === 'warning') && console.log(`[page ${m.type()}]`, m.text()),
    );
    page.on('pageerror', (e) => console.log('[page error]', e.message));
    await page.setViewportSize({ width: 400, height: 860 });
    await page.goto(browser.extensionUrl('/sidepanel.html'));
    await page.waitForSelector('.app-header');
    const account = {
      serverUrl: http.url,
      token: server.tokenFor(user),
      expiresAt: null,
      user,
      team: server.team,
    };
    const settings = {
      serverUrl: http.url,
      timeZone: 'Europe/London',
      language: 'en',
      autoLog: true,
      captureBodies: false,
      paused: false,
      notifications: true,
      phoneCountry: 'GB',
      disabledSites: [],
    };
    await signInDirectly(page, account, settings);
    console.log('sync:', JSON.stringify(await send(page, { type: 'sync.now' })).slice(0, 200));
    // A change the server refuses, to show the Sync view's rejected list.
    server.rejectIf = (m) => (m.name === 'contact.upsert' ? 'Only the owner may change this contact' : null);
    await send(page, { type: 'contact.update', id: ada, changes: { title: 'CEO' } });
    await send(page, { type: 'sync.now' });
    server.rejectIf = () => null;

    for (const lang of ['en', 'zh-CN'] as const) {
      await send(page, { type: 'settings.set', changes: { language: lang } });
      await page.goto(browser.extensionUrl('/sidepanel.html#people'));
      await page.waitForSelector('.person');
      await shoot(page, `${lang}-people`);
      await page.goto(browser.extensionUrl(`/sidepanel.html#contact/${ada}`));
      await page.waitForSelector('.contact-head', { timeout: 5000 }).catch(async () => {
        await shoot(page, 'debug');
        console.log(await page.evaluate(() => location.href), await page.locator('main').textContent());
        throw new Error('no contact');
      });
      await shoot(page, `${lang}-contact`, true);
      await page.goto(browser.extensionUrl('/sidepanel.html#followups'));
      await page.waitForSelector('.view');
      await shoot(page, `${lang}-followups`);
      await page.goto(browser.extensionUrl('/sidepanel.html#sync'));
      await page.waitForSelector('.view');
      await shoot(page, `${lang}-sync`);
      await page.goto(browser.extensionUrl('/sidepanel.html#settings'));
      await page.waitForSelector('.view');
      await shoot(page, `${lang}-settings`, true);
      await page.goto(browser.extensionUrl('/popup.html'));
      await page.setViewportSize({ width: 340, height: 420 });
      await shoot(page, `${lang}-popup`);
      await page.setViewportSize({ width: 400, height: 860 });
    }
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.goto(browser.extensionUrl(`/sidepanel.html#contact/${ada}`));
    await page.waitForSelector('.contact-head');
    await shoot(page, 'zh-CN-contact-dark');
  } finally {
    await browser.close();
    http.close();
  }
}

await main();
