/**
 * Draws a report's parts progressively (issue 13: the editor interactive sooner): the first
 * `first` parts at once — what the window shows as the report opens —, then, after each paint,
 * one more part per task when the main thread is idle (requestIdleCallback, at most 200 ms
 * later), so that typing and whatever else is queued go first and are never held up for long;
 * `all()` draws every part at once, for what needs a later part now (a navigator link, a finding,
 * a search hit).
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';

export class LazyParts implements ReactiveController {
  private drawn: number;
  private frame = 0;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private idle = 0;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly total: number,
    private readonly first: number,
    /** Whether the host shows the parts now (not while the report is still loading). */
    private readonly showing: () => boolean,
  ) {
    this.drawn = first;
    host.addController(this);
  }

  /** Whether part `index` (in reading order) is drawn. */
  shown(index: number): boolean {
    return index < this.drawn;
  }

  get complete(): boolean {
    return this.drawn >= this.total;
  }

  /** A report opens: only its first parts at once again. */
  reset(): void {
    this.cancel();
    this.drawn = this.first;
  }

  /** Draws every part now; resolves when they are in the document. */
  async all(): Promise<void> {
    if (!this.complete) {
      this.cancel();
      this.drawn = this.total;
      this.host.requestUpdate();
    }
    await this.host.updateComplete;
  }

  hostUpdated(): void {
    if (this.complete || this.frame || this.timer || this.idle || !this.showing()) return;
    // after the next paint (a frame, then a task): the part drawn so far is on the screen first
    this.frame = requestAnimationFrame(() => {
      this.frame = 0;
      const next = () => {
        this.idle = 0;
        this.timer = undefined;
        this.drawn++;
        this.host.requestUpdate();
      };
      // when the main thread is idle: typing and other work queued go first
      if (typeof requestIdleCallback === 'function')
        this.idle = requestIdleCallback(next, { timeout: 200 });
      else this.timer = setTimeout(next, 0);
    });
  }

  hostDisconnected(): void {
    this.cancel();
  }

  private cancel(): void {
    if (this.frame) cancelAnimationFrame(this.frame);
    clearTimeout(this.timer);
    if (this.idle) cancelIdleCallback(this.idle);
    this.idle = 0;
    this.frame = 0;
    this.timer = undefined;
  }
}
