/**
 * Whether the tab runs inside Microsoft Teams, and what Teams tells it (theme, deep link).
 * teams-js is loaded only when a Teams host is plausible, so a plain browser never waits for it.
 */
export type HostTheme = 'default' | 'dark' | 'contrast';

export interface HostInfo {
  inTeams: boolean;
  theme: HostTheme;
  /** The deep link's sub-page id (a path of the tab, see subPagePath), if Teams opened the tab at one. */
  subPageId: string | null;
  /** Calls back when the user changes their Teams theme. */
  onThemeChange(handler: (theme: HostTheme) => void): void;
}

const plainBrowser: HostInfo = { inTeams: false, theme: 'default', subPageId: null, onThemeChange: () => undefined };

export function toHostTheme(theme: string | undefined): HostTheme {
  return theme === 'dark' || theme === 'contrast' ? theme : 'default';
}

/** Teams web and desktop host tabs in a frame; mobile hosts expose a native interface. */
function mightBeTeams(): boolean {
  try {
    if (window.self !== window.top) return true;
  } catch {
    return true; // a cross-origin parent: framed
  }
  return 'nativeInterface' in window || /Teams\//.test(navigator.userAgent);
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('timed out')), ms);
    promise.then(
      (v) => {
        clearTimeout(timer);
        resolve(v);
      },
      (e: unknown) => {
        clearTimeout(timer);
        reject(e instanceof Error ? e : new Error(String(e)));
      },
    );
  });
}

export async function detectHost(timeoutMs = 1500): Promise<HostInfo> {
  if (!mightBeTeams()) return plainBrowser;
  try {
    const { app } = await import('@microsoft/teams-js');
    await withTimeout(app.initialize(), timeoutMs);
    const context = await withTimeout(app.getContext(), timeoutMs);
    app.notifySuccess();
    return {
      inTeams: true,
      theme: toHostTheme(context.app.theme),
      subPageId: context.page.subPageId || null,
      onThemeChange: (handler) => app.registerOnThemeChangeHandler((t) => handler(toHostTheme(t))),
    };
  } catch {
    return plainBrowser;
  }
}

/**
 * The tab's SSO access token from Teams (`authentication.getAuthToken()`): an Entra token for our
 * API (`access_as_user`), which the server validates. Rejects outside Teams or when SSO is not set
 * up for the app (local mode), and the caller then sends no token.
 */
export async function teamsSsoToken(timeoutMs = 8000): Promise<string> {
  const { authentication } = await import('@microsoft/teams-js');
  // A host that never answers must not hold every API call.
  return withTimeout(authentication.getAuthToken(), timeoutMs);
}

/** The audit an older deep link points at, as `audit:<id>` or the bare id (the bot now links paths). */
export function auditIdFromSubPage(subPageId: string | null): string | null {
  if (!subPageId) return null;
  const id = subPageId.replace(/^audits?[:/]/, '');
  return /^[A-Za-z0-9_-]{1,64}$/.test(id) ? id : null;
}
