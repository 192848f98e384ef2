import { describe, expect, it } from "vitest";
import { clockPart, datePart, joinDateTime, parseClock } from "./time";

describe("meeting times", () => {
  it("reads times as typed", () => {
    expect(parseClock("14:00")).toBe("14:00");
    expect(parseClock("8:30")).toBe("08:30");
    expect(parseClock("14h")).toBe("14:00");
    expect(parseClock("14 giờ 05")).toBe("14:05");
    expect(parseClock("25:00")).toBeNull();
    expect(parseClock("chiều")).toBeNull();
  });
  it("joins and splits date-times", () => {
    expect(joinDateTime("2024-09-05", "14:00")).toBe("2024-09-05T14:00:00");
    expect(datePart("2024-09-05T14:00:00")).toBe("2024-09-05");
    expect(clockPart("2024-09-05T14:00:00")).toBe("14:00");
    expect(clockPart(null)).toBe("");
  });
});
