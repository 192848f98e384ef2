import { describe, expect, it } from "vitest";
import type { Deadline } from "../../lib/bindings";
import { deadlineLabel, fromFields, toFields } from "./deadline";

const all: Deadline[] = [
  { kind: "date", date: "2024-12-31" },
  { kind: "period", period: { unit: "quarter", year: 2024, quarter: 4 } },
  { kind: "period", period: { unit: "month", year: 2024, month: 10 } },
  { kind: "period", period: { unit: "half", year: 2025, half: 1 } },
  { kind: "period", period: { unit: "half", year: 2025, half: 2 } },
  { kind: "period", period: { unit: "nine_months", year: 2025 } },
  { kind: "period", period: { unit: "year", year: 2025 } },
  { kind: "recurring", every: "monthly", before_day: 25, before_month: null },
  { kind: "recurring", every: "yearly", before_day: 15, before_month: 12 },
  { kind: "ongoing" },
];

describe("deadlines in the conclusions form", () => {
  it("labels them as the documents print them", () => {
    expect(all.map(deadlineLabel)).toEqual([
      "trước ngày 31/12/2024",
      "quý IV năm 2024",
      "tháng 10/2024",
      "6 tháng đầu năm 2025",
      "6 tháng cuối năm 2025",
      "9 tháng đầu năm 2025",
      "năm 2025",
      "hằng tháng, trước ngày 25",
      "hằng năm, trước ngày 15/12",
      "thường xuyên",
    ]);
    expect(deadlineLabel(null)).toBe("");
  });
  it("goes to the form's fields and back unchanged", () => {
    for (const d of all) expect(fromFields(toFields(d, 2024))).toEqual(d);
    expect(fromFields(toFields(null, 2024))).toBeNull();
  });
  it("needs the date for a date deadline, and a month only for yearly reports", () => {
    expect(fromFields({ ...toFields(null, 2024), kind: "date" })).toBeNull();
    const f = { ...toFields(null, 2024), kind: "recurring" as const, every: "monthly" as const, beforeDay: 20, beforeMonth: 3 };
    expect(fromFields(f)).toEqual({ kind: "recurring", every: "monthly", before_day: 20, before_month: null });
  });
});
