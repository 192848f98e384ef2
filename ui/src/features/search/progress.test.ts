import { describe, expect, it } from "vitest";
import { nextPollMs, readingLine } from "./progress";

describe("readingLine", () => {
  it("shows read and total while files are being read", () => {
    expect(readingLine({ running: true, read: 120, total: 450, failed: 0 })).toBe("Đang đọc nội dung tệp: 120/450");
  });
  it("says how many files could not be read", () => {
    expect(readingLine({ running: true, read: 3, total: 5, failed: 1 })).toBe("Đang đọc nội dung tệp: 3/5 (1 tệp không đọc được)");
  });
  it("is empty when nothing is being read", () => {
    expect(readingLine({ running: false, read: 5, total: 5, failed: 0 })).toBe("");
    expect(readingLine(null)).toBe("");
  });
  it("asks often only while reading", () => {
    expect(nextPollMs({ running: true, read: 0, total: 1, failed: 0 })).toBeLessThan(nextPollMs(null));
  });
});
