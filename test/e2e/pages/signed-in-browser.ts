// One browser with the extension signed in to a real server through the side panel, and optionally
// site fixtures mapped to their real hostnames.
import {
  type ExtensionBrowser,
  type FixtureServer,
  launchBrowserWithExtension,
  type RapportServer,
} from '../harness/index.ts';
import { builtExtension } from './extension.ts';
import { SidePanel } from './side-panel.ts';

export interface SignedInBrowser {
  browser: ExtensionBrowser;
  panel: SidePanel;
  close(): Promise<void>;
}

export async function signedInBrowser(
  server: Pick<RapportServer, 'url' | 'admin'>,
  fixtures?: FixtureServer,
): Promise<SignedInBrowser> {
  const extension = builtExtension();
  let browser: ExtensionBrowser | undefined;
  try {
    browser = await launchBrowserWithExtension(extension.dir, fixtures ? { hostMap: fixtures.hostMap } : {});
    const panel = await SidePanel.open(browser);
    await panel.signIn(server.url, server.admin.email, server.admin.password);
    const opened = browser;
    return {
      browser: opened,
      panel,
      close: async () => {
        await opened.close();
        extension.remove();
      },
    };
  } catch (err) {
    await browser?.close();
    extension.remove();
    throw err;
  }
}
