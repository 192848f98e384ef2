import { describe, expect, it } from "vitest";
import { localTime } from "./changes";

describe("audit times", () => {
  it("shows times in the workstation's zone as dd/mm/yyyy HH:MM", () => {
    const d = new Date(2024, 8, 5, 14, 32);
    expect(localTime(d.toISOString())).toBe("05/09/2024 14:32");
    expect(localTime("không rõ")).toBe("không rõ");
  });
});
