import { afterEach, describe, expect, it, vi } from "vitest";
import { offerUndo, undoState, UNDO_SECONDS } from "./undo.svelte";

describe("undo offer", () => {
  afterEach(() => {
    undoState.dismiss();
    vi.useRealTimers();
  });

  it("runs the undo once and clears the offer", async () => {
    const undo = vi.fn().mockResolvedValue(undefined);
    offerUndo({ message: "Đã xóa dự thảo.", undo });
    expect(undoState.offer?.message).toBe("Đã xóa dự thảo.");
    expect(await undoState.take()).toBe(true);
    expect(await undoState.take()).toBe(false);
    expect(undo).toHaveBeenCalledTimes(1);
    expect(undoState.offer).toBeNull();
  });

  it("disappears after a few seconds", () => {
    vi.useFakeTimers();
    offerUndo({ message: "Đã bỏ khỏi thành phần mời.", undo: async () => {} });
    vi.advanceTimersByTime(UNDO_SECONDS * 1000 - 1);
    expect(undoState.offer).not.toBeNull();
    vi.advanceTimersByTime(1);
    expect(undoState.offer).toBeNull();
  });

  it("keeps the offer with the message when the undo fails", async () => {
    offerUndo({ message: "Đã bãi bỏ vị trí.", undo: () => Promise.reject(new Error("Vị trí này đã được thay.")) });
    expect(await undoState.take()).toBe(false);
    expect(undoState.offer).not.toBeNull();
    expect(undoState.error).toBe("Vị trí này đã được thay.");
  });

  it("a newer act replaces the older offer", () => {
    offerUndo({ message: "một", undo: async () => {} });
    offerUndo({ message: "hai", undo: async () => {} });
    expect(undoState.offer?.message).toBe("hai");
  });
});

describe("held-back act", () => {
  afterEach(() => vi.useRealTimers());

  it("is carried out when the offer times out, not when it is undone", async () => {
    vi.useFakeTimers();
    const commit = vi.fn().mockResolvedValue(undefined);
    offerUndo({ message: "Đã xóa dự thảo.", undo: async () => {}, commit });
    vi.advanceTimersByTime(UNDO_SECONDS * 1000);
    expect(commit).toHaveBeenCalledTimes(1);

    const kept = vi.fn().mockResolvedValue(undefined);
    offerUndo({ message: "Đã xóa dự thảo.", undo: async () => {}, commit: kept });
    await undoState.take();
    vi.advanceTimersByTime(UNDO_SECONDS * 1000);
    expect(kept).not.toHaveBeenCalled();
  });

  it("is carried out when a newer offer replaces it", () => {
    const commit = vi.fn().mockResolvedValue(undefined);
    offerUndo({ message: "một", undo: async () => {}, commit });
    offerUndo({ message: "hai", undo: async () => {} });
    expect(commit).toHaveBeenCalledTimes(1);
    undoState.dismiss();
  });
});
