import type { ApiError, SaveFormResponse } from '../../../shared/api/contracts';
import type { SaveOutcome } from '../api/apiClient';
import { stableJson } from '../common/stableJson';
import type { DraftStore } from './draftStore';

/**
 * Saves a form as it is edited: debounced, one request at a time, the newest form always sent
 * next with the etag the last save returned. Failures retry with backoff; a conflict stops saving
 * until the page is reloaded. Every unsaved change is also kept as a local draft.
 *
 * A conflict can be our own doing: the keepalive save sent as a page closed may land after the
 * reloaded page has loaded the audit, so the restored draft's save finds the etag moved on. When the
 * server now holds exactly the form that was refused, nothing was lost: its etag is adopted quietly.
 *
 * "Not saved yet" (the server's autosave budget is spent for now) is no error: the status stays
 * "Saving…", the draft stays, typing meanwhile only updates the form to send, and after the server's
 * wait (plus a little jitter) the newest form goes once.
 */
export type AutosaveState =
  | { kind: 'idle' }
  | { kind: 'pending' }
  | { kind: 'saving' }
  | { kind: 'saved'; at: Date }
  | { kind: 'retrying'; attempt: number; retryInMs: number; error: ApiError }
  | { kind: 'conflict'; error: ApiError }
  | { kind: 'refused'; error: ApiError };

/** The audit as the server holds it now. */
export interface ServerCopy<F> {
  form: F;
  saved: SaveFormResponse;
}

/** How waiting for the queue ended: everything saved, or why not. */
export type SettleResult = 'saved' | 'failed' | 'conflict' | 'refused';

export interface AutosaveOptions<F> {
  etag: string;
  save: (etag: string, form: F, opts: { keepalive: boolean }) => Promise<SaveOutcome>;
  onState?: (state: AutosaveState) => void;
  onSaved?: (response: SaveFormResponse) => void;
  drafts?: Pick<DraftStore<F>, 'write' | 'clear'>;
  /** Asked after a conflict; null (or a failure) when the server's copy cannot be taken over. */
  serverCopy?: () => Promise<ServerCopy<F> | null>;
  debounceMs?: number;
  /** Wait before retry number `attempt` (1, 2, …). */
  backoff?: (attempt: number) => number;
  now?: () => Date;
  /** 0..1, for the jitter added to the server's wait (default Math.random). */
  random?: () => number;
}

export const defaultBackoff = (attempt: number): number => Math.min(30_000, 1_000 * 2 ** (attempt - 1));

export class AutosaveQueue<F> {
  private latest: F | null = null;
  private inFlight = false;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private attempt = 0;
  private conflicted = false;
  /** The server asked us to wait (over its budget): the timer set then is not cut short by typing. */
  private deferred = false;
  private currentEtag: string;
  private state: AutosaveState = { kind: 'idle' };
  private waiters: ((result: SettleResult) => void)[] = [];
  private readonly debounceMs: number;
  private readonly backoff: (attempt: number) => number;

  constructor(private readonly opts: AutosaveOptions<F>) {
    this.currentEtag = opts.etag;
    this.debounceMs = opts.debounceMs ?? 800;
    this.backoff = opts.backoff ?? defaultBackoff;
  }

  get etag(): string {
    return this.currentEtag;
  }

  get status(): AutosaveState {
    return this.state;
  }

  /** True while a change has not yet been confirmed by the server. */
  get hasUnsaved(): boolean {
    return this.latest !== null || this.inFlight;
  }

  /** Record the newest form: kept locally at once, sent after a pause in editing. */
  change(form: F): void {
    this.latest = form;
    this.opts.drafts?.write(this.currentEtag, form);
    if (this.conflicted) return;
    // While retrying, the backoff decides when to try next: typing does not hammer a failing server.
    if ((this.state.kind === 'retrying' || this.deferred) && this.timer !== null) return;
    if (this.state.kind !== 'retrying' && this.state.kind !== 'saving') this.setState({ kind: 'pending' });
    this.schedule(this.debounceMs);
  }

  /** Send now (page hidden or closing, or before submitting) unless a save is already on its way. */
  flush(opts: { keepalive?: boolean } = {}): void {
    this.clearTimer();
    this.pump(opts.keepalive ?? false);
  }

  /** Flushes, then resolves once everything is saved or saving has stopped for a reason. */
  whenSettled(): Promise<SettleResult> {
    if (this.conflicted) return Promise.resolve('conflict');
    if (!this.hasUnsaved) return Promise.resolve(this.state.kind === 'refused' ? 'refused' : 'saved');
    const settled = new Promise<SettleResult>((resolve) => this.waiters.push(resolve));
    this.flush();
    return settled;
  }

  /** Stops timers (the page is going away); a save in flight still completes. */
  dispose(): void {
    this.clearTimer();
  }

  private schedule(ms: number): void {
    this.clearTimer();
    this.timer = setTimeout(() => {
      this.timer = null;
      this.deferred = false;
      this.pump(false);
    }, ms);
  }

  private clearTimer(): void {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
    this.deferred = false;
  }

  private pump(keepalive: boolean): void {
    if (this.inFlight || this.conflicted || this.latest === null) return;
    const form = this.latest;
    this.latest = null;
    this.inFlight = true;
    if (this.state.kind !== 'retrying') this.setState({ kind: 'saving' });
    let outcome: Promise<SaveOutcome>;
    try {
      outcome = this.opts.save(this.currentEtag, form, { keepalive });
    } catch (e) {
      outcome = Promise.reject(e instanceof Error ? e : new Error(String(e)));
    }
    outcome.then(
      (o) => this.finish(form, o),
      (e: unknown) => this.finish(form, { kind: 'failed', error: { error: 'network', message: e instanceof Error ? e.message : String(e) } }),
    );
  }

  private finish(sent: F, outcome: SaveOutcome): void {
    // "Changed elsewhere" may be our own earlier save: look before giving up (still in flight meanwhile).
    if (outcome.kind === 'conflict' && outcome.error.error === 'conflict' && this.opts.serverCopy) {
      void this.checkConflict(sent, outcome.error, this.opts.serverCopy);
      return;
    }
    this.inFlight = false;
    switch (outcome.kind) {
      case 'saved': {
        this.accepted(outcome.response);
        return;
      }
      case 'failed': {
        // The newest form wins; it includes everything in the one that failed.
        if (this.latest === null) this.latest = sent;
        this.attempt += 1;
        const wait = this.backoff(this.attempt);
        this.setState({ kind: 'retrying', attempt: this.attempt, retryInMs: wait, error: outcome.error });
        this.schedule(wait);
        this.resolveWaiters('failed');
        return;
      }
      case 'conflict': {
        this.conflict(sent, outcome.error);
        return;
      }
      case 'deferred': {
        // Nothing was written: send the newest form (it includes this one) after the wait.
        if (this.latest === null) this.latest = sent;
        const jitter = Math.round(Math.min(2_000, outcome.retryAfterMs * 0.2) * (this.opts.random ?? Math.random)());
        this.schedule(outcome.retryAfterMs + jitter);
        this.deferred = true;
        this.setState({ kind: 'pending' });
        return;
      }
      case 'refused': {
        // Sending the same form again would be refused again: wait for the next change.
        if (this.latest === null) this.latest = sent;
        this.clearTimer();
        this.setState({ kind: 'refused', error: outcome.error });
        this.resolveWaiters('refused');
        return;
      }
    }
  }

  private async checkConflict(sent: F, error: ApiError, serverCopy: () => Promise<ServerCopy<F> | null>): Promise<void> {
    let copy: ServerCopy<F> | null = null;
    try {
      copy = await serverCopy();
    } catch {
      copy = null; // could not look: report the conflict as it stands
    }
    this.inFlight = false;
    if (copy !== null && stableJson(copy.form) === stableJson(sent)) this.accepted(copy.saved);
    else this.conflict(sent, error);
  }

  /** The server holds the form last sent, under `response.etag`. */
  private accepted(response: SaveFormResponse): void {
    this.currentEtag = response.etag;
    this.attempt = 0;
    this.opts.onSaved?.(response);
    if (this.latest !== null) {
      // Newer changes arrived meanwhile: their draft now sits on the new etag.
      this.opts.drafts?.write(this.currentEtag, this.latest);
      if (this.timer === null) this.pump(false);
      else this.setState({ kind: 'pending' });
      return;
    }
    this.opts.drafts?.clear();
    this.setState({ kind: 'saved', at: this.opts.now?.() ?? new Date() });
    this.resolveWaiters('saved');
  }

  private conflict(sent: F, error: ApiError): void {
    if (this.latest === null) this.latest = sent;
    this.conflicted = true;
    this.clearTimer();
    this.setState({ kind: 'conflict', error });
    this.resolveWaiters('conflict');
  }

  private setState(state: AutosaveState): void {
    this.state = state;
    this.opts.onState?.(state);
  }

  private resolveWaiters(result: SettleResult): void {
    const waiters = this.waiters;
    this.waiters = [];
    for (const w of waiters) w(result);
  }
}
