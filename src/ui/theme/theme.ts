/**
 * The colour scheme the learner picked in the header, remembered across visits.
 * 'system' follows the operating system; light and dark override it by setting
 * `data-theme` on the root element, which app.css turns into `color-scheme`, so
 * every `light-dark()` colour flips at once.
 */

export const THEME_CHOICES = ['system', 'light', 'dark'] as const;
export type ThemeChoice = (typeof THEME_CHOICES)[number];

export const THEME_STORAGE_KEY = 'proxy-sandbox:theme';

/** The part of `localStorage` the theme needs, so tests can hand in their own. */
export type ThemeStorage = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

/** The root element's part the theme writes to. */
export type ThemeRoot = Pick<HTMLElement, 'dataset'>;

/** A stored value as a choice; anything unknown (an old format, a hand edit) is 'system'. */
export function parseThemeChoice(value: unknown): ThemeChoice {
  return THEME_CHOICES.find((choice) => choice === value) ?? 'system';
}

/**
 * The remembered choice, or 'system' when there is none or storage cannot be
 * read (blocked cookies, a sandboxed frame): the theme is never worth an error.
 */
export function loadThemeChoice(storage: ThemeStorage | null = browserStorage()): ThemeChoice {
  try {
    return parseThemeChoice(storage?.getItem(THEME_STORAGE_KEY));
  } catch {
    return 'system';
  }
}

/** Remembers the choice; 'system' is stored as no entry, so a later default applies. */
export function saveThemeChoice(
  choice: ThemeChoice,
  storage: ThemeStorage | null = browserStorage(),
): void {
  try {
    if (choice === 'system') storage?.removeItem(THEME_STORAGE_KEY);
    else storage?.setItem(THEME_STORAGE_KEY, choice);
  } catch {
    // Full or blocked storage: the choice still applies to this visit.
  }
}

/** Shows the page in the chosen scheme. */
export function applyThemeChoice(
  choice: ThemeChoice,
  root: ThemeRoot = document.documentElement,
): void {
  if (choice === 'system') delete root.dataset['theme'];
  else root.dataset['theme'] = choice;
}

/** `localStorage`, or null where merely reading the property throws (storage blocked). */
function browserStorage(): ThemeStorage | null {
  try {
    return globalThis.localStorage ?? null;
  } catch {
    return null;
  }
}
