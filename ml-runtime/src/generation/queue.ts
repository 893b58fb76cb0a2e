/**
 * The generation queue: at most `slots(model)` jobs of a model run at once (its context's
 * sequences), at most `maxWaiting` wait. A job that finds the waiting line full is refused at once
 * (QueueFullError, answered 429 with retry-after): back-pressure instead of an unbounded backlog.
 * Waiting jobs start in arrival order, except that one whose model is busy does not hold up one for
 * another model.
 */
export class QueueFullError extends Error {
  constructor(
    readonly waiting: number,
    readonly retryAfterSeconds: number,
  ) {
    super(`The generation queue is full (${waiting} requests waiting); retry in ${retryAfterSeconds} s.`);
    this.name = "QueueFullError";
  }
}

export interface Slot {
  /** When the job got its slot (performance.now()). */
  startedAt: number;
  release(): void;
}

interface Waiter {
  model: string;
  resolve: (slot: Slot) => void;
  reject: (err: unknown) => void;
  signal?: AbortSignal;
  onAbort?: () => void;
}

export class GenerationQueue {
  private readonly waiting: Waiter[] = [];
  private readonly running = new Map<string, number>();
  /** Exponentially weighted mean job duration, seconds (for retry-after). */
  private meanSeconds = 5;

  constructor(
    private readonly maxWaiting: number,
    private readonly slots: (model: string) => number,
    private readonly onChange: (waiting: number, running: number) => void = () => {},
  ) {}

  get depth(): number {
    return this.waiting.length;
  }

  get active(): number {
    let n = 0;
    for (const v of this.running.values()) n += v;
    return n;
  }

  /** A slot for `model` now, or once one is free; throws QueueFullError when the line is full. */
  acquire(model: string, signal?: AbortSignal): Promise<Slot> {
    if (signal?.aborted) return Promise.reject(signal.reason);
    if ((this.running.get(model) ?? 0) < this.slots(model) && !this.waiting.some((w) => w.model === model)) {
      return Promise.resolve(this.take(model));
    }
    if (this.waiting.length >= this.maxWaiting) {
      const perSlot = Math.max(1, this.slots(model));
      throw new QueueFullError(this.waiting.length, Math.min(60, Math.max(1, Math.ceil((this.meanSeconds * (this.waiting.length + 1)) / perSlot))));
    }
    return new Promise<Slot>((resolve, reject) => {
      const waiter: Waiter = { model, resolve, reject, signal };
      if (signal) {
        waiter.onAbort = () => {
          const i = this.waiting.indexOf(waiter);
          if (i >= 0) this.waiting.splice(i, 1);
          this.changed();
          reject(signal.reason);
        };
        signal.addEventListener("abort", waiter.onAbort, { once: true });
      }
      this.waiting.push(waiter);
      this.changed();
    });
  }

  /** Refuses every waiting job (shutdown, worker failure). */
  rejectWaiting(error: Error): void {
    for (const w of this.waiting.splice(0)) {
      if (w.onAbort) w.signal?.removeEventListener("abort", w.onAbort);
      w.reject(error);
    }
    this.changed();
  }

  private take(model: string): Slot {
    this.running.set(model, (this.running.get(model) ?? 0) + 1);
    this.changed();
    const startedAt = performance.now();
    let released = false;
    return {
      startedAt,
      release: () => {
        if (released) return;
        released = true;
        this.meanSeconds = 0.8 * this.meanSeconds + 0.2 * ((performance.now() - startedAt) / 1000);
        this.running.set(model, (this.running.get(model) ?? 1) - 1);
        this.dispatch();
        this.changed();
      },
    };
  }

  private dispatch(): void {
    for (let i = 0; i < this.waiting.length; ) {
      const w = this.waiting[i]!;
      if ((this.running.get(w.model) ?? 0) < this.slots(w.model)) {
        this.waiting.splice(i, 1);
        if (w.onAbort) w.signal?.removeEventListener("abort", w.onAbort);
        w.resolve(this.take(w.model));
      } else i++;
    }
  }

  private changed(): void {
    this.onChange(this.waiting.length, this.active);
  }
}
