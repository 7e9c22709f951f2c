import type { DirectorySyncSummary } from './entraDirectorySync';

/** The last run, as the Imports page shows it (counts, and problems naming ids and e-mails only). */
export type DirectorySyncRun =
  | { at: string; trigger: 'nightly' | 'administrator'; outcome: 'done'; summary: DirectorySyncSummary }
  | { at: string; trigger: 'nightly' | 'administrator'; outcome: 'failed'; message: string };

/**
 * Runs the Entra directory sync one at a time in this process: the nightly job and "Sync now" never
 * overlap here (a second caller waits for the run in progress and gets its result, unless it brings
 * a confirmation of leavers the running one does not have). "Sync now" reaches whichever instance
 * takes the request, so it may overlap the lease holder's nightly run on another instance: a record
 * both save is then a conflict, reported and finished by the next run.
 *
 * Remembers the last run in memory, so the page can say when staff were last brought in and what
 * was left out; after a restart that is empty until the next run (each run finds held-back leavers
 * again, so nothing is lost by forgetting).
 */
export class DirectorySyncRuns {
  private current: { promise: Promise<DirectorySyncRun>; confirmLeavers: number | undefined } | null = null;
  private last: DirectorySyncRun | null = null;

  constructor(
    private readonly deps: {
      sync: (opts: { confirmLeavers?: number }) => Promise<DirectorySyncSummary>;
      clock: () => Date;
      /** Told of each run's outcome, with the error when it failed (for the log: counts and error names only). */
      onRun?: (run: DirectorySyncRun, error?: unknown) => void;
    },
  ) {}

  get lastRun(): DirectorySyncRun | null {
    return this.last;
  }

  get running(): boolean {
    return this.current !== null;
  }

  /** Never rejects: a failure is the run's outcome. */
  async run(trigger: DirectorySyncRun['trigger'], confirmLeavers?: number): Promise<DirectorySyncRun> {
    while (this.current) {
      const running = this.current;
      const result = await running.promise;
      if (confirmLeavers === undefined || running.confirmLeavers === confirmLeavers) return result;
    }
    const promise = this.runOnce(trigger, confirmLeavers).finally(() => {
      this.current = null;
    });
    this.current = { promise, confirmLeavers };
    return promise;
  }

  private async runOnce(trigger: DirectorySyncRun['trigger'], confirmLeavers: number | undefined): Promise<DirectorySyncRun> {
    const at = this.deps.clock().toISOString();
    let run: DirectorySyncRun;
    let error: unknown;
    try {
      run = { at, trigger, outcome: 'done', summary: await this.deps.sync(confirmLeavers === undefined ? {} : { confirmLeavers }) };
    } catch (e) {
      error = e;
      // Setting and read errors say what to fix and carry no personal data; anything else is not shown.
      const known = e instanceof Error && (e.name === 'DirectorySettingError' || e.name === 'DirectoryReadError');
      run = { at, trigger, outcome: 'failed', message: known ? (e as Error).message : GENERIC_FAILURE };
    }
    this.last = run;
    this.deps.onRun?.(run, error);
    return run;
  }
}

const GENERIC_FAILURE = 'The directory could not be read or saved just now; the next run tries again.';

/**
 * The nightly job for DailyScheduler: a failed run throws, so the scheduler tries again at its next
 * check that day (every 15 minutes, see app.ts) instead of counting the day as done.
 */
export function nightlyDirectorySync(runs: DirectorySyncRuns): () => Promise<DirectorySyncRun> {
  return async () => {
    const run = await runs.run('nightly');
    if (run.outcome === 'failed') throw new Error(`directory sync failed: ${run.message}`);
    return run;
  };
}
