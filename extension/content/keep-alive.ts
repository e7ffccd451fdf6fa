// While this page is visible, a port to the background carries a message every 20 s: each one keeps
// the extension's service worker awake (so its live update stream stays open and badges change within
// seconds of a teammate's edit). A hidden page sends nothing; a worker restart reconnects.
import { browser } from 'wxt/browser';
import { KEEP_ALIVE_PORT } from './commands.ts';

const EVERY_MS = 20_000;

export function keepBackgroundAlive(doc: Document, signal: AbortSignal): void {
  let port: ReturnType<typeof browser.runtime.connect> | null = null;
  const post = () => {
    if (signal.aborted || doc.visibilityState !== 'visible') return;
    try {
      if (!port) {
        const opened = browser.runtime.connect({ name: KEEP_ALIVE_PORT });
        opened.onDisconnect.addListener(() => {
          if (port === opened) port = null;
        });
        port = opened;
      }
      port.postMessage({ alive: true });
    } catch {
      port = null; // The extension was reloaded: this script is about to be invalidated.
    }
  };
  const timer = setInterval(post, EVERY_MS);
  signal.addEventListener('abort', () => {
    clearInterval(timer);
    port?.disconnect();
    port = null;
  });
  post();
}
