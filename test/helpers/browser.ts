/**
 * Open a rendered report in a real Chromium and record what a reader's browser would do with it:
 * every network request beyond the file itself, every console error and page error.
 * Reports promise "no script, no network"; this is where that promise is checked.
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Page } from 'playwright-core';

export const chromiumPath = '/usr/bin/chromium';

/**
 * Browser tests skip only on a developer machine without Chromium; in CI a missing browser is a
 * failure, never a silent skip.
 */
export function skipBrowserTests(): boolean {
  const skip = !existsSync(chromiumPath) && !process.env.CI;
  if (skip) console.warn(`browser tests skipped: ${chromiumPath} not found (apt-get install chromium)`);
  return skip;
}

export interface OpenedReport {
  consoleErrors: string[];
  /** URLs of every request other than the report file itself. */
  requests: string[];
  svgCount: number;
  /** How many elements match a CSS selector, e.g. `img` or `script`. */
  count(selector: string): Promise<number>;
  screenshot(path: string): Promise<void>;
  /** The page's visible text (innerText of body). */
  text(): Promise<string>;
  /** The page itself, for layout checks (evaluate, emulateMedia, pdf). */
  page: Page;
  close(): Promise<void>;
}

export interface OpenOptions {
  /** Viewport width in CSS px (default 1280). */
  width?: number;
}

export async function openInChromium(htmlPath: string, options: OpenOptions = {}): Promise<OpenedReport> {
  const fileUrl = pathToFileURL(resolve(htmlPath)).href;
  const browser = await chromium.launch({
    executablePath: chromiumPath,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
    ],
  });
  try {
    const page = await browser.newPage({ viewport: { width: options.width ?? 1280, height: 900 } });
    const consoleErrors: string[] = [];
    const requests: string[] = [];
    page.on('console', (msg) => {
      if (msg.type() === 'error') consoleErrors.push(msg.text());
    });
    page.on('pageerror', (err) => consoleErrors.push(`pageerror: ${err.message}`));
    page.on('request', (req) => {
      if (req.url() !== fileUrl) requests.push(req.url());
    });
    // Nothing but the report itself may load; anything else is recorded above and refused here.
    await page.route('**/*', (route) => (route.request().url() === fileUrl ? route.continue() : route.abort()));
    await page.goto(fileUrl, { waitUntil: 'load' });
    const svgCount = await page.locator('svg').count();
    return {
      consoleErrors,
      requests,
      svgCount,
      count: (selector) => page.locator(selector).count(),
      screenshot: async (path) => {
        await page.screenshot({ path, fullPage: true });
      },
      // biome-ignore lint/performance/useDomNodeTextContent: the text as shown (innerText), not the markup's text
      text: () => page.locator('body').innerText(),
      page,
      close: () => browser.close(),
    };
  } catch (error) {
    await browser.close();
    throw error;
  }
}
