import { fieldId, pathAndAncestors } from './formPaths';

const focusable = 'input:not([disabled]), textarea:not([disabled]), select:not([disabled]), button:not([disabled]), a[href]';

function isFocusable(el: HTMLElement): boolean {
  return el.matches(focusable);
}

/**
 * Moves focus to the field for a form path: the field itself, or for a group (radio fieldset) its
 * chosen or first control; a problem about a whole group falls back to its nearest parent on the page.
 */
export function focusField(path: string, doc: Document = document): boolean {
  for (const candidate of pathAndAncestors(path)) {
    const el = doc.getElementById(fieldId(candidate));
    if (!el) continue;
    const target = isFocusable(el) ? el : (el.querySelector<HTMLElement>('input:checked:not([disabled])') ?? el.querySelector<HTMLElement>(focusable));
    const into = target ?? el;
    if (!target) el.setAttribute('tabindex', '-1');
    into.focus();
    (el.scrollIntoView as ((arg?: ScrollIntoViewOptions) => void) | undefined)?.call(el, { block: 'center' });
    return true;
  }
  return false;
}
