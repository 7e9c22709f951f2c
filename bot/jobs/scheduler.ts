import { londonWallClock } from '../../shared/calendar/londonTime';
import { isWorkingDay, type ExtraHolidays } from '../../shared/calendar/workingDays';

/**
 * Runs a daily job once per London working day at or after a set time (09:00 by default): a timer
 * checks London's wall clock every minute, so British Summer Time and a server in another zone
 * need no special care. Started after 09:00 (or woken from a pause), it runs that day's job at the
 * next check.
 *
 * The last run date is kept in memory only. That is enough because the job itself is idempotent
 * (the reminder job's notices have per-auditor-per-day ids in the outbox): after a restart the job
 * runs again and enqueues nothing new. A failed run is retried at the next check.
 */

export interface DailySchedulerDeps {
  job: (now: Date) => Promise<unknown>;
  clock: () => Date;
  /** Minutes past midnight, London time; default 9:00. */
  atMinutes?: number;
  extraHolidays?: ExtraHolidays;
  /** How often to look at the clock; default a minute. */
  checkEveryMs?: number;
  onRun?: (result: unknown) => void;
  onError?: (err: unknown) => void;
}

export class DailyScheduler {
  private timer: ReturnType<typeof setInterval> | null = null;
  private lastRunDate: string | null = null;
  private running: Promise<void> | null = null;

  constructor(private readonly deps: DailySchedulerDeps) {}

  /** The London date of the last successful run, or null. */
  get lastRun(): string | null {
    return this.lastRunDate;
  }

  start(): void {
    if (this.timer) return;
    this.timer = setInterval(() => void this.tick(), this.deps.checkEveryMs ?? 60_000);
    // Never keeps the process alive on its own.
    this.timer.unref?.();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.running;
  }

  /** One check: runs the job if today is a working day, the time has come, and it has not run today. */
  async tick(): Promise<boolean> {
    if (this.running) return false;
    const now = this.deps.clock();
    const { date, minutes } = londonWallClock(now);
    if (this.lastRunDate === date || minutes < (this.deps.atMinutes ?? 9 * 60) || !isWorkingDay(date, this.deps.extraHolidays)) return false;
    let ran = false;
    this.running = (async () => {
      try {
        const result = await this.deps.job(now);
        this.lastRunDate = date;
        ran = true;
        this.deps.onRun?.(result);
      } catch (err) {
        this.deps.onError?.(err);
      }
    })();
    await this.running;
    this.running = null;
    return ran;
  }
}
