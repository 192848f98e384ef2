// Global keyboard shortcuts. Pages register what Ctrl+N / Ctrl+S / Ctrl+F / Ctrl+P mean for them.

export type ShortcutKey = "new" | "save" | "find" | "print";
type Handlers = Partial<Record<ShortcutKey, () => void>>;

const stack: Handlers[] = [];

/** Registers handlers until the returned function is called; the latest registration wins. */
export function useShortcuts(handlers: Handlers): () => void {
  stack.push(handlers);
  return () => {
    const i = stack.lastIndexOf(handlers);
    if (i >= 0) stack.splice(i, 1);
  };
}

export function keyOf(e: KeyboardEvent): ShortcutKey | null {
  if (!(e.ctrlKey || e.metaKey) || e.altKey || e.shiftKey) return null;
  switch (e.key.toLowerCase()) {
    case "n":
      return "new";
    case "s":
      return "save";
    case "f":
      return "find";
    case "p":
      return "print";
    default:
      return null;
  }
}

/** The window's keydown listener: runs the topmost handler for the shortcut, if any. */
export function dispatchShortcut(e: KeyboardEvent): boolean {
  const key = keyOf(e);
  if (!key) return false;
  for (let i = stack.length - 1; i >= 0; i--) {
    const h = stack[i][key];
    if (h) {
      e.preventDefault();
      h();
      return true;
    }
  }
  return false;
}
