import { describe, expect, it } from "vitest";
import { formatTime, formatVnDate, parseVnDate, todayIso } from "./dates";

describe("dates", () => {
  it("parses what secretaries type", () => {
    expect(parseVnDate("15/05/2024")).toBe("2024-05-15");
    expect(parseVnDate(" 5/9/2024 ")).toBe("2024-09-05");
    expect(parseVnDate("05.09.2024")).toBe("2024-09-05");
    expect(parseVnDate("2024-09-05")).toBe("2024-09-05");
  });
  it("refuses impossible or ambiguous dates", () => {
    expect(parseVnDate("31/02/2024")).toBeNull();
    expect(parseVnDate("29/02/2023")).toBeNull();
    expect(parseVnDate("29/02/2024")).toBe("2024-02-29");
    expect(parseVnDate("15/05/24")).toBeNull();
    expect(parseVnDate("13/13/2024")).toBeNull();
    expect(parseVnDate("")).toBeNull();
    expect(parseVnDate("hôm nay")).toBeNull();
  });
  it("keeps to the years the backend accepts (1900–2100)", () => {
    expect(parseVnDate("15/05/0000")).toBeNull();
    expect(parseVnDate("31/12/1899")).toBeNull();
    expect(parseVnDate("01/01/2101")).toBeNull();
    expect(parseVnDate("01/01/1900")).toBe("1900-01-01");
    expect(parseVnDate("31/12/2100")).toBe("2100-12-31");
  });
  it("formats with leading zeros", () => {
    expect(formatVnDate("2025-01-05")).toBe("05/01/2025");
    expect(formatVnDate(null)).toBe("");
    expect(todayIso(new Date(2024, 8, 5, 23, 59))).toBe("2024-09-05");
    expect(formatTime(new Date(2024, 0, 1, 9, 5))).toBe("09:05");
  });
});
