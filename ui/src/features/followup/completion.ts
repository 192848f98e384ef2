// What the completion chart draws: one stacked bar per agency, four parts in a fixed order.
// The figures and the parts' names come from the backend; this file only arranges them.

/** One agency's tasks split four ways (as national reports count them). */
export type CompletionRow = {
  agency: string;
  on_time: number;
  late: number;
  open: number;
  overdue: number;
};

export type CompletionPart = "on_time" | "late" | "open" | "overdue";
export const PARTS: CompletionPart[] = ["on_time", "late", "open", "overdue"];

/** Calm colours that stay apart in print and for common colour blindness. */
export const PART_COLOURS: Record<CompletionPart, string> = {
  on_time: "#2f7d4f",
  late: "#c98a1b",
  open: "#7a9cc6",
  overdue: "#b3261e",
};

/** The names used when the backend gives none (its status labels, in sentence case). */
export const DEFAULT_PART_LABELS: Record<CompletionPart, string> = {
  on_time: "Hoàn thành đúng hạn",
  late: "Hoàn thành quá hạn",
  open: "Đang thực hiện trong hạn",
  overdue: "Quá hạn",
};

export type ChartSeries = { label: string; data: number[]; backgroundColor: string; part: CompletionPart };

/** The bars: agencies with no task are left out; order as given (the backend sorts). */
export function chartData(rows: CompletionRow[], labels: Record<CompletionPart, string> = DEFAULT_PART_LABELS): { labels: string[]; datasets: ChartSeries[] } {
  const shown = rows.filter((r) => PARTS.some((p) => r[p] > 0));
  return {
    labels: shown.map((r) => r.agency),
    datasets: PARTS.map((p) => ({ label: labels[p], data: shown.map((r) => r[p]), backgroundColor: PART_COLOURS[p], part: p })),
  };
}

/** Height in pixels for `n` bars: dense, but every agency's name readable. */
export function chartHeight(n: number): number {
  return Math.max(120, 48 + n * 26);
}

/** The chart's rows from the backend's per-agency counts: open is every status not done and not late. */
export function completionRows(
  agencies: {
    agency_name: string;
    counts: { overdue: number; due_soon: number; in_progress: number; not_due: number; done_late: number; done_on_time: number };
  }[],
): CompletionRow[] {
  return agencies.map((a) => ({
    agency: a.agency_name,
    on_time: a.counts.done_on_time,
    late: a.counts.done_late,
    open: a.counts.due_soon + a.counts.in_progress + a.counts.not_due,
    overdue: a.counts.overdue,
  }));
}
