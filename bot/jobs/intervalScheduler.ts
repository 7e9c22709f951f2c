/**
 * Runs a job every few minutes (the urgent-concern escalation check): never two runs at once, a
 * failed run retried at the next tick. The job must be idempotent; nothing is remembered between
 * runs, so a restart simply runs it again.
 */

export interface IntervalSchedulerDeps {
  job: (now: Date) => Promise<unknown>;
  clock: () => Date;
  /** How often to run; default five minutes. */
  everyMs?: number;
  onRun?: (result: unknown) => void;
  onError?: (err: unknown) => void;
}

export class IntervalScheduler {
  private timer: ReturnType<typeof setInterval> | null = null;
  private running: Promise<void> | null = null;

  constructor(private readonly deps: IntervalSchedulerDeps) {}

  start(): void {
    if (this.timer) return;
    this.timer = setInterval(() => void this.tick(), this.deps.everyMs ?? 5 * 60_000);
    // Never keeps the process alive on its own.
    this.timer.unref?.();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.running;
  }

  /** One run, unless one is under way; true if the job ran to completion. */
  async tick(): Promise<boolean> {
    if (this.running) return false;
    let ran = false;
    this.running = (async () => {
      try {
        const result = await this.deps.job(this.deps.clock());
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
