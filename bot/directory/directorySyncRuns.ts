import type { DirectorySyncSummary } from './entraDirectorySync';

/** The last run, as the Imports page shows it (counts, and problems naming ids and e-mails only). */
export type DirectorySyncRun =
  | { at: string; trigger: 'nightly' | 'administrator'; outcome: 'done'; summary: DirectorySyncSummary }
  | { at: string; trigger: 'nightly' | 'administrator'; outcome: 'failed'; message: string };

/**
 * Runs the Entra directory sync one at a time: the nightly job and an administrator's "Sync now"
 * never overlap (a second caller waits for the run in progress and gets its result, unless it asks
 * for something the running one does not do: allowing many leavers). Remembers the last run in
 * memory, so the page can say when staff were last brought in and what was left out; after a
 * restart that is empty until the next run.
 */
export class DirectorySyncRuns {
  private current: { promise: Promise<DirectorySyncRun>; allowManyLeavers: boolean } | null = null;
  private last: DirectorySyncRun | null = null;

  constructor(
    private readonly deps: {
      sync: (opts: { allowManyLeavers: boolean }) => Promise<DirectorySyncSummary>;
      clock: () => Date;
      /** Told of each run's outcome (for the log: counts only). */
      onRun?: (run: DirectorySyncRun) => void;
    },
  ) {}

  get lastRun(): DirectorySyncRun | null {
    return this.last;
  }

  async run(trigger: DirectorySyncRun['trigger'], allowManyLeavers = false): Promise<DirectorySyncRun> {
    while (this.current) {
      const running = this.current;
      const result = await running.promise;
      if (running.allowManyLeavers || !allowManyLeavers) return result;
    }
    const promise = this.runOnce(trigger, allowManyLeavers).finally(() => {
      this.current = null;
    });
    this.current = { promise, allowManyLeavers };
    return promise;
  }

  private async runOnce(trigger: DirectorySyncRun['trigger'], allowManyLeavers: boolean): Promise<DirectorySyncRun> {
    const at = this.deps.clock().toISOString();
    let run: DirectorySyncRun;
    try {
      run = { at, trigger, outcome: 'done', summary: await this.deps.sync({ allowManyLeavers }) };
    } catch (e) {
      // Setting and read errors say what to fix and carry no personal data; anything else is not shown.
      const known = e instanceof Error && (e.name === 'DirectorySettingError' || e.name === 'DirectoryReadError');
      run = { at, trigger, outcome: 'failed', message: known ? (e as Error).message : 'The directory could not be read or saved just now; the next run tries again.' };
    }
    this.last = run;
    this.deps.onRun?.(run);
    return run;
  }
}
