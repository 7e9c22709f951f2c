import { afterAll, beforeAll } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchChromium, newContext } from './browser';
import { serveApp, type ServedApp } from './servedApp';
import { collectPageErrors } from './tabPages';

export interface BrowserApp {
  readonly served: ServedApp;
  readonly browser: Browser;
  readonly context: BrowserContext;
  readonly page: Page;
  /** Page errors, console errors and 5xx answers seen by the page (see collectPageErrors). */
  readonly errors: string[];
}

/**
 * Registers the hooks most browser suites share: serve the app and launch Chromium before all
 * tests, open one page, collect its errors, and close everything after. Call it inside the
 * `describe`; read the getters only inside tests, once the hooks have run.
 */
export function useBrowserApp(): BrowserApp {
  let served: ServedApp | undefined;
  let browser: Browser | undefined;
  let context: BrowserContext | undefined;
  let page: Page | undefined;
  let errors: string[] | undefined;

  beforeAll(async () => {
    [served, browser] = await Promise.all([serveApp(), launchChromium()]);
    context = await newContext(browser);
    page = await context.newPage();
    errors = collectPageErrors(page);
  });

  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await served?.stop();
  });

  const ready = <T>(value: T | undefined, name: string): T => {
    if (value === undefined) throw new Error(`${name} is not ready: the beforeAll hook has not run`);
    return value;
  };
  return {
    get served() { return ready(served, 'served'); },
    get browser() { return ready(browser, 'browser'); },
    get context() { return ready(context, 'context'); },
    get page() { return ready(page, 'page'); },
    get errors() { return ready(errors, 'errors'); },
  };
}
