/**
 * A resource-unit budget for autosaves, so the app's own saves never run SharePoint out of its
 * throttling band (the lowest is 1,250 RU a minute per app per tenant) and leave room for other work.
 *
 * A token bucket, with one twist for fairness: a save that finds the bucket short is not simply
 * turned away, it is booked. Its cost is taken now (the bucket goes into debt) and it is told to come
 * back when the debt is repaid; when it does, it goes through without paying again. Saves are thus
 * served in the order they first asked, and retries cannot stampede. A booking not claimed within
 * `claimGraceMs` of its time lapses (the tab was closed; its draft stays on that device).
 */
export interface SaveBudgetOptions {
  /** Refill rate; Infinity turns the budget off. */
  ruPerMinute: number;
  /** What one autosave costs, reads included. */
  ruPerSave: number;
  /** Largest burst; defaults to a tenth of a minute's budget (at least one save). */
  burstRu?: number;
  /** Longest wait handed out; beyond it a save is told to come back without a booking. */
  maxWaitMs?: number;
  claimGraceMs?: number;
  now?: () => number;
}

export type BudgetAnswer = { ok: true } | { ok: false; retryAfterMs: number };

export class SaveBudget {
  private tokens: number;
  private at: number;
  private readonly bookings = new Map<string, number>();
  private readonly perMs: number;
  private readonly burst: number;
  private readonly maxWaitMs: number;
  private readonly graceMs: number;
  private readonly now: () => number;

  constructor(private readonly opts: SaveBudgetOptions) {
    this.now = opts.now ?? Date.now;
    this.perMs = opts.ruPerMinute / 60_000;
    this.burst = Math.max(opts.burstRu ?? opts.ruPerMinute / 10, opts.ruPerSave);
    this.maxWaitMs = opts.maxWaitMs ?? 5 * 60_000;
    this.graceMs = opts.claimGraceMs ?? 60_000;
    this.tokens = this.burst;
    this.at = this.now();
  }

  get unlimited(): boolean {
    return this.opts.ruPerMinute === Number.POSITIVE_INFINITY;
  }

  /** May the save keyed `key` (one audit) go ahead now? `extraRu`: reads this save will need beyond the usual. */
  take(key: string, extraRu = 0): BudgetAnswer {
    if (this.unlimited) return { ok: true };
    const t = this.now();
    this.refill(t);
    const booked = this.bookings.get(key);
    if (booked !== undefined) {
      if (t >= booked) {
        this.bookings.delete(key);
        return { ok: true };
      }
      return { ok: false, retryAfterMs: Math.ceil(booked - t) };
    }
    const cost = this.opts.ruPerSave + extraRu;
    if (this.tokens >= cost) {
      this.tokens -= cost;
      return { ok: true };
    }
    const waitMs = Math.ceil((cost - this.tokens) / this.perMs);
    if (waitMs > this.maxWaitMs) return { ok: false, retryAfterMs: this.maxWaitMs };
    this.tokens -= cost;
    this.bookings.set(key, t + waitMs);
    return { ok: false, retryAfterMs: waitMs };
  }

  /**
   * Pays for other metered work on the request path (the signed-in person's record, read every few
   * minutes per person) from the same budget: it is never refused, it may take the bucket into debt,
   * and the saves behind it wait that much longer. Without this, 200 people opening their forms in the
   * same minute overran the band by their sign-in reads (test/bench/autosavePeak.bench.ts).
   */
  spend(ru: number): void {
    if (this.unlimited) return;
    this.refill(this.now());
    this.tokens -= ru;
  }

  private refill(t: number): void {
    this.tokens = Math.min(this.burst, this.tokens + (t - this.at) * this.perMs);
    this.at = t;
    // Lapsed bookings: their cost stays spent (conservative), the slot is freed for the key.
    for (const [key, due] of this.bookings) if (t > due + this.graceMs) this.bookings.delete(key);
  }
}

/**
 * Resource units one autosave costs on SharePoint: one `$batch` of the item PATCH and its trail rows
 * (2 RU each, usually 1–2 rows). The signed-in person's record is remembered for minutes
 * (SignedInStaff: 2 RU per person per 5 minutes, paid into this budget with `spend`); the audit is not read
 * again when this process holds the version the client saved (RecentAudits); the organisation and the
 * case are not read for the auditor's own edit; only people the form names for the first time are
 * looked up. 4 RU a steady autosave through the REST API (test/simulators/graph/autosaveCost.test.ts);
 * per stored autosave, identity reads included, see test/bench/autosavePeak.bench.ts.
 */
export const AUTOSAVE_RU_PER_SAVE = 5;

/** One read on the request path (a staff record, an audit not held by RecentAudits): 2 RU, a list query's price. */
export const READ_RU = 2;
