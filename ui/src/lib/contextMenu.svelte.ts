// Right-click menus on list rows: the same actions as the row's buttons, with their shortcuts.

export type MenuItem = {
  label: string;
  /** Shown on the right, e.g. "C" or "Ctrl+N": the same key works without the menu. */
  shortcut?: string;
  run: () => void;
  disabled?: boolean;
  danger?: boolean;
};

class ContextMenuState {
  items = $state<MenuItem[]>([]);
  x = $state(0);
  y = $state(0);
  /** Where focus goes back when the menu closes. */
  returnTo: HTMLElement | null = null;

  open(e: MouseEvent | KeyboardEvent, items: MenuItem[]) {
    e.preventDefault();
    this.returnTo = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    if (e instanceof MouseEvent && e.clientX + e.clientY > 0) {
      this.x = e.clientX;
      this.y = e.clientY;
    } else {
      const r = (e.currentTarget as HTMLElement | null)?.getBoundingClientRect();
      this.x = r ? r.left + 24 : 0;
      this.y = r ? r.bottom : 0;
    }
    this.items = items;
  }

  close() {
    this.items = [];
    this.returnTo?.focus();
    this.returnTo = null;
  }
}

export const contextMenu = new ContextMenuState();

/** `oncontextmenu` handler for a row; also opened with the Menu key or Shift+F10 on the row. */
export function rowMenu(items: () => MenuItem[]) {
  return (e: MouseEvent) => contextMenu.open(e, items());
}
