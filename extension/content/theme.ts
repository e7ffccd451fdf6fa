// Light or dark page behind a badge. The anchor's text colour is the most reliable sign (sites always keep
// text legible; backgrounds are often images or transparent all the way up); the nearest opaque
// background and then the user's colour-scheme preference are the fallbacks.

export type Theme = 'light' | 'dark';

type Rgba = [number, number, number, number];

function parseColor(value: string): Rgba | null {
  const m = /^rgba?\(\s*([\d.]+)[\s,]+([\d.]+)[\s,]+([\d.]+)(?:[\s,/]+([\d.]+%?))?\s*\)$/.exec(value.trim());
  if (!m) return null;
  const alpha = m[4] === undefined ? 1 : m[4].endsWith('%') ? Number.parseFloat(m[4]) / 100 : Number(m[4]);
  return [Number(m[1]), Number(m[2]), Number(m[3]), alpha];
}

/** WCAG relative luminance, 0 (black) to 1 (white). */
export function luminance([r, g, b]: Rgba | [number, number, number]): number {
  const lin = (c: number) => {
    const s = c / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
}

const MAX_ANCESTORS = 12;

/** Remembers ancestors' backgrounds across one batch of badges (rows share their ancestors). */
export type ThemeCache = Map<Element, Theme | null>;

function backgroundTheme(el: Element | null, win: Window, cache: ThemeCache, depth = 0): Theme | null {
  if (!el || depth >= MAX_ANCESTORS) return null;
  const known = cache.get(el);
  if (known !== undefined) return known;
  const bg = parseColor(win.getComputedStyle(el).backgroundColor);
  const theme =
    bg && bg[3] > 0.5
      ? luminance(bg) < 0.35
        ? 'dark'
        : 'light'
      : backgroundTheme(el.parentElement, win, cache, depth + 1);
  cache.set(el, theme);
  return theme;
}

export function themeOf(anchor: Element, cache: ThemeCache = new Map()): Theme {
  const win = anchor.ownerDocument.defaultView;
  if (!win) return 'light';
  const text = parseColor(win.getComputedStyle(anchor).color);
  if (text && text[3] > 0.5) return luminance(text) > 0.45 ? 'dark' : 'light';
  return (
    backgroundTheme(anchor, win, cache) ??
    (win.matchMedia?.('(prefers-color-scheme: dark)').matches ? 'dark' : 'light')
  );
}
