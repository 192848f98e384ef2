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
    expect(a.busy).toBe(false);
  });
});
