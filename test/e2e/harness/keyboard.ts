import type { Locator, Page } from 'playwright-core';

/** What keyboard focus should reach: an element id, or a locator (by role and accessible name). */
export type FocusTarget = string | Locator;

/** True when the target (any element the locator matches) has keyboard focus. */
export async function hasFocus(page: Page, target: FocusTarget): Promise<boolean> {
  if (typeof target === 'string') return page.evaluate((id) => document.activeElement?.id === id, target);
  return target.evaluateAll((els) => els.some((el) => el === document.activeElement));
}

/** The focused element in words, for failure messages: tag, id and a short accessible name. */
export async function describeFocus(page: Page): Promise<string> {
  return page.evaluate(() => {
    const el = document.activeElement;
    if (!el || el === document.body) return 'body';
    const labelledBy = el.getAttribute('aria-labelledby');
    const labels = 'labels' in el ? Array.from((el as HTMLInputElement).labels ?? []).map((l) => l.textContent ?? '') : [];
    const name =
      el.getAttribute('aria-label') ??
      (labelledBy ? labelledBy.split(' ').map((id) => document.getElementById(id)?.textContent ?? '').join(' ') : null) ??
      (labels.length > 0 ? labels.join(' ') : null) ??
      el.textContent ??
      '';
    const role = el.getAttribute('role') ?? (el instanceof HTMLInputElement ? `input[${el.type}]` : el.tagName.toLowerCase());
    return `${role}${el.id ? `#${el.id}` : ''} "${name.trim().replace(/\s+/g, ' ').slice(0, 50)}"`;
  });
}

function targetText(target: FocusTarget): string {
  return typeof target === 'string' ? `#${target}` : target.toString();
}

/**
 * Presses Tab (or Shift+Tab) until the target has focus, as a keyboard user would; fails naming the
 * stops it passed if the target is not reached within `maxPresses`. Returns how many presses it took.
 */
export async function tabTo(page: Page, target: FocusTarget, maxPresses = 40, options: { backwards?: boolean } = {}): Promise<number> {
  const key = options.backwards ? 'Shift+Tab' : 'Tab';
  const passed: string[] = [];
  for (let presses = 0; ; presses += 1) {
    if (await hasFocus(page, target)) return presses;
    if (presses === maxPresses) break;
    await page.keyboard.press(key);
    passed.push(await describeFocus(page));
  }
  throw new Error(`tabTo: ${targetText(target)} not reached with ${maxPresses} presses of ${key}. Focus went: ${passed.join(' → ')}`);
}

/** Tabs to a text field and types into it, key by key. */
export async function tabAndType(page: Page, target: FocusTarget, text: string, maxPresses = 40): Promise<void> {
  await tabTo(page, target, maxPresses);
  await page.keyboard.type(text);
}

/**
 * Types an ISO date into the focused `<input type="date">`, segment by segment. The segments'
 * order follows the browser's own language (Debian's Chromium ships only en-US, so mm/dd/yyyy,
 * where a UK user sees dd/mm/yyyy): UK order first, and if that does not give the date, the
 * segments are cleared with Backspace and the arrows and the US order is typed.
 */
export async function typeDate(page: Page, iso: string): Promise<void> {
  const [year, month, day] = iso.split('-') as [string, string, string];
  const value = () => page.evaluate(() => (document.activeElement as HTMLInputElement | null)?.value ?? '');
  await page.keyboard.type(`${day}${month}${year}`);
  if ((await value()) === iso) return;
  for (let segment = 0; segment < 3; segment += 1) {
    await page.keyboard.press('Backspace');
    await page.keyboard.press('ArrowLeft');
  }
  await page.keyboard.type(`${month}${day}${year}`);
  if ((await value()) !== iso) throw new Error(`typeDate: the date field shows "${await value()}" after typing ${iso} in either order`);
}
