/**
 * When the window's page process dies, the page is reloaded, but not forever: a page that keeps
 * crashing (at most MAX_RELOADS reloads within WINDOW_MS) is left alone and the clerk is told
 * in Chinese what to do. Pure: the caller passes the clock.
 */
export const MAX_RELOADS = 3;
export const WINDOW_MS = 5 * 60 * 1000;

export const CRASH_LOOP_MESSAGE =
  '年报的页面反复意外退出，已停止自动重新加载。已保存的内容不会丢失。' +
  '请关闭年报后重新打开；如果仍然出现，请重新启动电脑，或把数据文件夹中的日志发给技术支持。';

/** Decides, for each crash, whether to reload the page once more. */
export class ReloadLimiter {
  private readonly reloads: number[] = [];
  constructor(
    private readonly max = MAX_RELOADS,
    private readonly windowMs = WINDOW_MS,
  ) {}

  /** Call on a crash at `now` (ms): true → reload (counted), false → stop reloading. */
  shouldReload(now: number): boolean {
    while (this.reloads.length && now - this.reloads[0]! >= this.windowMs) this.reloads.shift();
    if (this.reloads.length >= this.max) return false;
    this.reloads.push(now);
    return true;
  }
}
