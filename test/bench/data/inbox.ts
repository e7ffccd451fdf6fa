// A Gmail inbox of N rows built from the saved 2014 inbox fixture: its first list row is the template,
// cloned once per sender with that sender's name and address (as Gmail renders them).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Window } from 'happy-dom';

export const INBOX_FIXTURE = join(import.meta.dirname, '..', '..', 'fixtures', 'gmail', '2014-inbox.html');
export const INBOX_URL = 'https://mail.google.com/mail/u/0/#inbox';

export interface Sender {
  name: string;
  email: string;
}

export interface Inbox {
  document: Document;
  close(): Promise<void>;
}

/** The fixture page with its list replaced by one row per sender, in a happy-dom window. */
export function buildInbox(senders: readonly Sender[]): Inbox {
  const window = new Window({ url: INBOX_URL });
  const document = window.document as unknown as Document;
  document.write(readFileSync(INBOX_FIXTURE, 'utf8'));
  const rows = Array.from(document.querySelectorAll('tr.zA'));
  const template = rows[0];
  const list = template?.parentElement;
  if (!template || !list) throw new Error(`${INBOX_FIXTURE} has no inbox rows (tr.zA)`);
  for (const row of rows) row.remove();
  senders.forEach((sender, i) => {
    const row = template.cloneNode(true) as Element;
    row.id = `:b${i}`;
    const person = row.querySelector('span[email]');
    if (!person) throw new Error('the inbox row template has no span[email]');
    person.setAttribute('email', sender.email);
    person.setAttribute('name', sender.name);
    person.textContent = sender.name;
    list.append(row);
  });
  return { document, close: () => window.happyDOM.close() };
}
