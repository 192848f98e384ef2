// The choices of the task list's filters. The statuses themselves, their labels on each task
// and the rules behind them come from the backend; these are the filter's own words.
import type { Priority, TaskSourceKind, TaskStatus } from "../../lib/bindings";

export type StatusFilter = "" | "open" | "within" | "done" | TaskStatus;

export const STATUS_FILTERS: [StatusFilter, string][] = [
  ["", "Tất cả"],
  ["overdue", "Quá hạn"],
  ["due_soon", "Sắp đến hạn"],
  ["open", "Chưa hoàn thành"],
  ["within", "Đang thực hiện trong hạn"],
  ["done", "Đã hoàn thành"],
  ["done_late", "Hoàn thành quá hạn"],
];

const OPEN: TaskStatus[] = ["overdue", "due_soon", "in_progress", "not_due"];
const DONE: TaskStatus[] = ["done_late", "done_on_time"];

/** The statuses a filter choice stands for (empty: all). */
export function statusesOf(f: StatusFilter): TaskStatus[] {
  if (f === "") return [];
  if (f === "open") return OPEN;
  if (f === "done") return DONE;
  if (f === "within") return ["in_progress", "not_due"];
  return [f];
}

export const SOURCE_KINDS: [TaskSourceKind, string][] = [
  ["conclusion", "Kết luận cuộc họp"],
  ["document", "Văn bản chỉ đạo, kế hoạch"],
  ["manual", "Nhập tay"],
];

export const PRIORITIES: [Priority, string][] = [
  ["normal", "Bình thường"],
  ["high", "Quan trọng"],
  ["urgent", "Khẩn"],
];
