/**
 * The window's remembered size and place: a small JSON file in Electron's userData folder,
 * validated when read (anything odd falls back to the default) and fitted to the displays
 * that exist now (a monitor unplugged since, a smaller screen), so the window always opens
 * where it can be seen. Pure except for load/save, which take the file's path.
 */
import fs from 'node:fs';
import path from 'node:path';

export interface Rect {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

export interface WindowState {
  /** Absent: centred on the primary display. */
  readonly x?: number;
  readonly y?: number;
  readonly width: number;
  readonly height: number;
  readonly maximized: boolean;
}

export const MIN_WIDTH = 1024;
export const MIN_HEIGHT = 640;
export const DEFAULT_WIDTH = 1366;
export const DEFAULT_HEIGHT = 768;
export const DEFAULT_STATE: WindowState = {
  width: DEFAULT_WIDTH,
  height: DEFAULT_HEIGHT,
  maximized: false,
};
export const WINDOW_STATE_FILE = 'window-state.json';

/** How much of the window must lie on a display to keep its position (the title bar's grip). */
const VISIBLE_WIDTH = 160;
const VISIBLE_HEIGHT = 48;
/** Larger than any screen: a value beyond it is nonsense. */
const MAX_COORDINATE = 100_000;

const isInt = (v: unknown, min: number, max: number): v is number =>
  typeof v === 'number' && Number.isInteger(v) && v >= min && v <= max;

/** A stored state, or the default when the file is absent, damaged or holds nonsense. */
export function parseWindowState(value: unknown): WindowState {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return DEFAULT_STATE;
  const v = value as Record<string, unknown>;
  if (!isInt(v.width, 1, MAX_COORDINATE) || !isInt(v.height, 1, MAX_COORDINATE)) {
    return DEFAULT_STATE;
  }
  const maximized = v.maximized === true;
  const hasPosition =
    isInt(v.x, -MAX_COORDINATE, MAX_COORDINATE) && isInt(v.y, -MAX_COORDINATE, MAX_COORDINATE);
  return hasPosition
    ? { x: v.x as number, y: v.y as number, width: v.width, height: v.height, maximized }
    : { width: v.width, height: v.height, maximized };
}

function overlap(a: Rect, b: Rect): { width: number; height: number } {
  const width = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x);
  const height = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y);
  return { width: Math.max(0, width), height: Math.max(0, height) };
}

/**
 * Fits a state to the displays' work areas (primary first): the size is at least the minimum
 * and at most the work area of the display it will be shown on (never below the minimum); the
 * position is kept only when the window's top strip shows on a display, else dropped (centred).
 */
export function fitToDisplays(state: WindowState, workAreas: readonly Rect[]): WindowState {
  const areas = workAreas.filter((a) => a.width > 0 && a.height > 0);
  const primary = areas[0];
  if (!primary) {
    const { x: _x, y: _y, ...rest } = state;
    return {
      ...rest,
      width: Math.max(MIN_WIDTH, state.width),
      height: Math.max(MIN_HEIGHT, state.height),
    };
  }
  let width = Math.max(MIN_WIDTH, state.width);
  let height = Math.max(MIN_HEIGHT, state.height);

  let display: Rect | undefined;
  if (state.x !== undefined && state.y !== undefined) {
    const titleStrip: Rect = { x: state.x, y: state.y, width, height: VISIBLE_HEIGHT };
    let best = 0;
    for (const area of areas) {
      const o = overlap(titleStrip, area);
      // the top edge itself must be on the display (a title bar above the screen cannot be grabbed)
      const topInside = state.y >= area.y && state.y < area.y + area.height;
      if (topInside && o.width >= Math.min(VISIBLE_WIDTH, width) && o.width > best) {
        best = o.width;
        display = area;
      }
    }
  }
  const target = display ?? primary;
  width = Math.max(MIN_WIDTH, Math.min(width, target.width));
  height = Math.max(MIN_HEIGHT, Math.min(height, target.height));
  if (!display) return { width, height, maximized: state.maximized };

  // keep the window on its display: move it back in when it hangs over an edge
  const x = Math.max(target.x, Math.min(state.x!, target.x + target.width - width));
  const y = Math.max(target.y, Math.min(state.y!, target.y + target.height - height));
  return { x, y, width, height, maximized: state.maximized };
}

/** Reads the remembered state (the default when none) fitted to the given work areas. */
export function loadWindowState(file: string, workAreas: readonly Rect[]): WindowState {
  let stored: unknown;
  try {
    stored = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch {
    stored = null;
  }
  return fitToDisplays(parseWindowState(stored), workAreas);
}

/** Writes the state (through a temporary file, so a crash leaves the old one); never throws. */
export function saveWindowState(file: string, state: WindowState): boolean {
  const clean = parseWindowState(state);
  if (clean === DEFAULT_STATE && state !== DEFAULT_STATE) return false;
  const tmp = `${file}.${process.pid}.tmp`;
  try {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(tmp, `${JSON.stringify(clean)}\n`);
    fs.renameSync(tmp, file);
    return true;
  } catch {
    try {
      fs.rmSync(tmp, { force: true });
    } catch {
      // nothing left to clean
    }
    return false;
  }
}

/** The state of a window to remember: its normal (not maximised) bounds and whether maximised. */
export function stateOf(normalBounds: Rect, maximized: boolean): WindowState {
  return {
    x: Math.round(normalBounds.x),
    y: Math.round(normalBounds.y),
    width: Math.round(normalBounds.width),
    height: Math.round(normalBounds.height),
    maximized,
  };
}
