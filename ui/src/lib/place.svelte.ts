// Keeping the user's place: a list's filter, sort and scroll survive leaving the list (to open
// a record, or another screen) and coming back. The state lives for the session, in memory.

// The store behind `remembered` (whose values are $state); the map itself is not shown.
// eslint-disable-next-line svelte/prefer-svelte-reactivity
const kept = new Map<string, object>();

/**
 * The list's view state under `key`: the same object every time the list is shown again.
 * Read and write its fields as ordinary state.
 */
export function remembered<T extends object>(key: string, initial: () => T): T {
  let state = kept.get(key) as T | undefined;
  if (!state) {
    state = proxy(initial());
    kept.set(key, state);
  }
  return state;
}

function proxy<T extends object>(value: T): T {
  const s = $state(value);
  return s;
}

// eslint-disable-next-line svelte/prefer-svelte-reactivity -- read when a list opens, never shown
const scrolls = new Map<string, number>();

/** The window's scrolling area (the page content). */
export function scroller(): HTMLElement | null {
  return document.querySelector<HTMLElement>("section.content");
}

/** Remembers how far the list under `key` was scrolled. */
export function saveScroll(key: string) {
  const el = scroller();
  if (el) scrolls.set(key, el.scrollTop);
}

/** Scrolls back to where the list under `key` was, once its rows are drawn. */
export function restoreScroll(key: string) {
  const top = scrolls.get(key);
  const el = scroller();
  if (el && top !== undefined) requestAnimationFrame(() => (el.scrollTop = top));
}

/** Forgets everything (tests). */
export function forgetPlaces() {
  kept.clear();
  scrolls.clear();
}
