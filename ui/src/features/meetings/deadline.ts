// Deadlines in the conclusions form: the structured value the backend stores
// (`deadline::Deadline`), edited through a kind and the fitting fields, and its label
// (mirrors `Deadline::label` in the backend, which prints the documents).
import type { Deadline, Period, Recurrence } from "../../lib/bindings";

export type DeadlineKind = "none" | Deadline["kind"];
export type PeriodUnit = "month" | "quarter" | "half1" | "half2" | "nine_months" | "year";

export const KINDS: { value: DeadlineKind; label: string }[] = [
  { value: "none", label: "(không ghi)" },
  { value: "date", label: "Trước một ngày" },
  { value: "period", label: "Hết một kỳ (tháng, quý, năm…)" },
  { value: "recurring", label: "Định kỳ (hằng tháng, hằng quý…)" },
  { value: "ongoing", label: "Thường xuyên" },
];

export const UNITS: { value: PeriodUnit; label: string }[] = [
  { value: "month", label: "Tháng" },
  { value: "quarter", label: "Quý" },
  { value: "half1", label: "6 tháng đầu năm" },
  { value: "half2", label: "6 tháng cuối năm" },
  { value: "nine_months", label: "9 tháng đầu năm" },
  { value: "year", label: "Năm" },
];

export const RECURRENCES: { value: Recurrence; label: string }[] = [
  { value: "monthly", label: "Hằng tháng" },
  { value: "quarterly", label: "Hằng quý" },
  { value: "yearly", label: "Hằng năm" },
];

/** The fields of the form, all at once, so that switching kinds keeps what was typed. */
export type DeadlineFields = {
  kind: DeadlineKind;
  date: string | null;
  unit: PeriodUnit;
  number: number;
  year: number;
  every: Recurrence;
  beforeDay: number | null;
  beforeMonth: number | null;
};

export function emptyFields(year: number): DeadlineFields {
  return { kind: "none", date: null, unit: "quarter", number: 4, year, every: "monthly", beforeDay: null, beforeMonth: null };
}

export function toFields(d: Deadline | null, year: number): DeadlineFields {
  const f = emptyFields(year);
  if (!d) return f;
  f.kind = d.kind;
  if (d.kind === "date") f.date = d.date;
  if (d.kind === "recurring") {
    f.every = d.every;
    f.beforeDay = d.before_day ?? null;
    f.beforeMonth = d.before_month ?? null;
  }
  if (d.kind === "period") {
    const p = d.period;
    f.year = p.year;
    if (p.unit === "month") [f.unit, f.number] = ["month", p.month];
    else if (p.unit === "quarter") [f.unit, f.number] = ["quarter", p.quarter];
    else if (p.unit === "half") f.unit = p.half === 2 ? "half2" : "half1";
    else f.unit = p.unit;
  }
  return f;
}

/** The deadline the fields describe; null when none, or when a needed field is empty. */
export function fromFields(f: DeadlineFields): Deadline | null {
  switch (f.kind) {
    case "none":
      return null;
    case "ongoing":
      return { kind: "ongoing" };
    case "date":
      return f.date ? { kind: "date", date: f.date } : null;
    case "recurring":
      return {
        kind: "recurring",
        every: f.every,
        before_day: f.beforeDay || null,
        before_month: f.every === "yearly" ? f.beforeMonth || null : null,
      };
    case "period": {
      const year = f.year;
      const period: Period =
        f.unit === "month"
          ? { unit: "month", year, month: f.number }
          : f.unit === "quarter"
            ? { unit: "quarter", year, quarter: f.number }
            : f.unit === "half1" || f.unit === "half2"
              ? { unit: "half", year, half: f.unit === "half2" ? 2 : 1 }
              : f.unit === "nine_months"
                ? { unit: "nine_months", year }
                : { unit: "year", year };
      return { kind: "period", period };
    }
  }
}

const ROMAN = ["I", "II", "III", "IV"];
const pad = (n: number) => String(n).padStart(2, "0");

/** "trước ngày 31/12/2024", "quý IV năm 2024", "hằng tháng, trước ngày 25", "thường xuyên". */
export function deadlineLabel(d: Deadline | null): string {
  if (!d) return "";
  switch (d.kind) {
    case "ongoing":
      return "thường xuyên";
    case "date": {
      const [y, m, day] = d.date.split("-");
      return `trước ngày ${day}/${m}/${y}`;
    }
    case "recurring": {
      const every = RECURRENCES.find((r) => r.value === d.every)!.label.toLowerCase();
      if (d.before_day && d.before_month) return `${every}, trước ngày ${pad(d.before_day)}/${pad(d.before_month)}`;
      return d.before_day ? `${every}, trước ngày ${d.before_day}` : every;
    }
    case "period": {
      const p = d.period;
      switch (p.unit) {
        case "month":
          return `tháng ${p.month}/${p.year}`;
        case "quarter":
          return `quý ${ROMAN[p.quarter - 1] ?? "?"} năm ${p.year}`;
        case "half":
          return `6 tháng ${p.half === 2 ? "cuối" : "đầu"} năm ${p.year}`;
        case "nine_months":
          return `9 tháng đầu năm ${p.year}`;
        case "year":
          return `năm ${p.year}`;
      }
    }
  }
}
