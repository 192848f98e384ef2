import { describe, expect, it, vi } from "vitest";
import { dispatchShortcut, keyOf, useShortcuts } from "./shortcuts";

function key(k: string, ctrl = true): KeyboardEvent {
  return new KeyboardEvent("keydown", { key: k, ctrlKey: ctrl, cancelable: true });
}

describe("shortcuts", () => {
  it("maps Ctrl+N/S/F/P only", () => {
    expect(keyOf(key("n"))).toBe("new");
    expect(keyOf(key("S"))).toBe("save");
    expect(keyOf(key("f"))).toBe("find");
    expect(keyOf(key("p"))).toBe("print");
    expect(keyOf(key("n", false))).toBeNull();
    expect(keyOf(key("x"))).toBeNull();
  });
  it("runs the latest registration and falls back when it is removed", () => {
    const page = vi.fn();
    const dialog = vi.fn();
    const offPage = useShortcuts({ save: page, new: page });
    const offDialog = useShortcuts({ save: dialog });
    const e = key("s");
    expect(dispatchShortcut(e)).toBe(true);
    expect(e.defaultPrevented).toBe(true);
    expect(dialog).toHaveBeenCalledTimes(1);
    expect(page).not.toHaveBeenCalled();
    // Ctrl+N is not handled by the dialog, so the page below gets it.
    dispatchShortcut(key("n"));
    expect(page).toHaveBeenCalledTimes(1);
    offDialog();
    dispatchShortcut(key("s"));
    expect(page).toHaveBeenCalledTimes(2);
    offPage();
    expect(dispatchShortcut(key("s"))).toBe(false);
  });
});
