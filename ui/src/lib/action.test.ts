import { describe, expect, it } from "vitest";
import { Action } from "./action.svelte";
import { ApiError } from "./api";

describe("Action", () => {
  it("is busy while running and clears on success", async () => {
    const a = new Action();
    let seenBusy = false;
    const ok = await a.run(async () => {
      seenBusy = a.busy;
    });
    expect(ok).toBe(true);
    expect(seenBusy).toBe(true);
    expect(a.busy).toBe(false);
    expect(a.error).toBe("");
  });
  it("keeps the backend's Vietnamese message on failure", async () => {
    const a = new Action();
    const ok = await a.run(async () => {
      throw new ApiError({ code: "in_use", message: "Không thể xóa Sở Y tế." });
    });
    expect(ok).toBe(false);
    expect(a.error).toBe("Không thể xóa Sở Y tế.");
    expect(a.code).toBe("in_use");
    expect(a.busy).toBe(false);
  });
  it("clears the last failure when run again, and shows a UI check's message", async () => {
    const a = new Action();
    await a.run(async () => {
      throw new ApiError({ code: "not_found", message: "Không tìm thấy văn bản." });
    });
    expect(await a.run(async () => {})).toBe(true);
    expect(a.error).toBe("");
    expect(a.code).toBeNull();
    a.fail("Giờ không hợp lệ: hãy gõ giờ:phút, ví dụ 16:40.");
    expect(a.error).toContain("Giờ không hợp lệ");
    expect(a.code).toBe("validation");
  });
  it("says an unexpected failure of the UI itself in Vietnamese", async () => {
    const a = new Action();
    await a.run(async () => {
      throw new TypeError("x is undefined");
    });
    expect(a.error).toBe("Lỗi không mong đợi: x is undefined");
    expect(a.code).toBeNull();
  });
});
