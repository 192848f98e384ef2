import { describe, expect, it, vi } from "vitest";
import { fireEvent, render, screen } from "@testing-library/svelte";
import Harness from "./testing/DialogHarness.svelte";
import { dispatchShortcut } from "../lib/shortcuts";

// As in App.svelte: the window hands Ctrl+S and friends to the topmost registration.
window.addEventListener("keydown", (e) => dispatchShortcut(e));

const key = (k: string, init: KeyboardEventInit = {}) => fireEvent.keyDown(document.activeElement ?? document.body, { key: k, ...init });

function setup(props: Record<string, unknown> = {}) {
  const onclose = vi.fn();
  const onsubmit = vi.fn();
  render(Harness, { props: { onclose, onsubmit, ...props } });
  return { onclose, onsubmit };
}

describe("Dialog", () => {
  it("starts in the first field and keeps Tab and Shift+Tab inside", async () => {
    setup();
    const dialog = screen.getByTestId("test-dialog");
    expect(document.activeElement).toBe(screen.getByTestId("f-name"));
    const order: (string | null)[] = [];
    for (let i = 0; i < 5; i++) {
      const before = document.activeElement as HTMLElement;
      await key("Tab");
      // jsdom does not move focus by itself: a Tab the dialog did not redirect moves to the next element.
      if (document.activeElement === before) {
        const all = Array.from(dialog.querySelectorAll<HTMLElement>("input, textarea, button"));
        all[all.indexOf(before) + 1]?.focus();
      }
      expect(dialog.contains(document.activeElement)).toBe(true);
      order.push(document.activeElement?.getAttribute("data-testid") ?? null);
    }
    // name → notes → Hủy → Lưu → back to name.
    expect(order).toEqual(["f-notes", "dialog-cancel", "dialog-submit", "f-name", "f-notes"]);
    screen.getByTestId("f-name").focus();
    await key("Tab", { shiftKey: true });
    expect(document.activeElement).toBe(screen.getByTestId("dialog-submit"));
  });

  it("brings focus back when it lands on the page behind", async () => {
    setup();
    screen.getByTestId("behind").focus();
    expect(screen.getByTestId("test-dialog").contains(document.activeElement)).toBe(true);
  });

  it("closes on Esc when nothing was typed, wherever the focus is", async () => {
    const { onclose } = setup();
    (document.activeElement as HTMLElement).blur();
    await fireEvent.keyDown(window, { key: "Escape" });
    expect(onclose).toHaveBeenCalledTimes(1);
  });

  it("a read-only dialog closes on Esc and says only that", async () => {
    const { onclose } = setup({ readonly: true });
    expect(screen.getByTestId("dialog-hint").textContent).toBe("Esc để đóng");
    await key("Escape");
    expect(onclose).toHaveBeenCalledTimes(1);
  });

  it("submits on Enter in a field, not in a multi-line field", async () => {
    const { onsubmit } = setup();
    await key("Enter");
    expect(onsubmit).toHaveBeenCalledTimes(1);
    screen.getByTestId("f-notes").focus();
    await key("Enter");
    expect(onsubmit).toHaveBeenCalledTimes(1);
  });

  it("asks before Esc loses what was typed, inside the dialog", async () => {
    const confirmSpy = vi.spyOn(window, "confirm");
    const { onclose } = setup();
    await fireEvent.input(screen.getByTestId("f-name"), { target: { value: "Nguyễn Văn An" } });
    await key("Escape");
    expect(onclose).not.toHaveBeenCalled();
    expect(confirmSpy).not.toHaveBeenCalled();
    expect(screen.getByTestId("dialog-confirm").textContent).toContain("sẽ mất");
    expect(document.activeElement).toBe(screen.getByTestId("dialog-keep"));
    // Esc again keeps editing; the typed name is still there.
    await key("Escape");
    expect(screen.queryByTestId("dialog-confirm")).toBeNull();
    expect(onclose).not.toHaveBeenCalled();
    expect((screen.getByTestId("f-name") as HTMLInputElement).value).toBe("Nguyễn Văn An");
    // "Hủy" asks too; "Bỏ thay đổi và đóng" closes.
    await fireEvent.click(screen.getByTestId("dialog-cancel"));
    await fireEvent.click(screen.getByTestId("dialog-discard"));
    expect(onclose).toHaveBeenCalledTimes(1);
    confirmSpy.mockRestore();
  });

  it("follows the dirty prop when given", async () => {
    const { onclose } = setup({ dirty: false });
    await fireEvent.input(screen.getByTestId("f-name"), { target: { value: "x" } });
    await key("Escape");
    expect(onclose).toHaveBeenCalledTimes(1);
  });

  it("asks when the dirty prop says so, even before any typing", async () => {
    const { onclose } = setup({ dirty: true });
    await key("Escape");
    expect(screen.getByTestId("dialog-confirm")).toBeTruthy();
    expect(onclose).not.toHaveBeenCalled();
  });

  it("promises Ctrl+S only where it saves", async () => {
    const { onsubmit } = setup({ submitLabel: "Xuất PDF" });
    expect(screen.getByTestId("dialog-hint").textContent).not.toContain("Ctrl+S");
    await fireEvent.keyDown(window, { key: "s", ctrlKey: true });
    expect(onsubmit).not.toHaveBeenCalled();
  });

  it("saves on Ctrl+S where the button is Lưu", async () => {
    const { onsubmit } = setup();
    expect(screen.getByTestId("dialog-hint").textContent).toBe("Enter hoặc Ctrl+S để lưu · Esc để đóng");
    await fireEvent.keyDown(window, { key: "s", ctrlKey: true });
    expect(onsubmit).toHaveBeenCalledTimes(1);
  });
});
