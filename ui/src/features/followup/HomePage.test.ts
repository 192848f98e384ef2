import { beforeEach, describe, expect, it, vi } from "vitest";
import { fireEvent, render, screen, waitFor, within } from "@testing-library/svelte";
import type { HomeSummary, TaskSummary } from "../../lib/bindings";

// The backend is replaced by spies: this test is about what the overview shows and opens.
const homeSummary = vi.fn();
vi.mock("../../lib/bindings", () => ({
  commands: {
    followupToday: () => Promise.resolve({ status: "ok", data: "2024-11-01" }),
    homeSummary: (...args: unknown[]) => homeSummary(...args),
  },
}));

import HomePage from "./HomePage.svelte";
import { asOf } from "./asOf.svelte";
import { completionRows } from "./completion";

function task(id: string, content: string, agency: string, status: TaskSummary["status"], days: number | null): TaskSummary {
  return {
    id,
    content,
    source: {
      kind: "conclusion",
      document_id: "tb",
      meeting_id: "m",
      conclusion_id: id,
      number: "01/TB-TCT",
      date: "2024-09-12",
      directed_by: "",
      title: "",
      label: "Thông báo kết luận số 01/TB-TCT ngày 12/09/2024",
    },
    lead_agency_id: agency,
    lead_agency_name: agency,
    original_lead_agency_name: null,
    coordinating_agency_names: [],
    deadline: { kind: "date", date: "2024-10-31" },
    deadline_label: "trước ngày 31/10/2024",
    due_date: "2024-10-31",
    extended: false,
    priority: "normal",
    status,
    status_label: status === "overdue" ? "Quá hạn" : "Sắp đến hạn",
    days_overdue: days,
    done_on: null,
    last_report: null,
    assigned_on: "2024-09-12",
  };
}

const counts = { total: 6, overdue: 2, due_soon: 1, in_progress: 1, not_due: 1, done_late: 0, done_on_time: 1 };
function summary(as_of: string): HomeSummary {
  return {
    as_of,
    due_soon_days: 7,
    upcoming_meetings: [],
    overdue: [task("a", "Kết nối dữ liệu y tế", "Sở Y tế", "overdue", 1), task("c", "Báo cáo số hóa", "Sở Khoa học và Công nghệ", "overdue", 37)],
    due_soon: [task("e", "Định danh điện tử", "Công an tỉnh", "due_soon", null)],
    counts,
    drafts: [],
    drafts_total: 0,
    issued_this_month: [],
  };
}

beforeEach(() => {
  asOf.date = null;
  homeSummary.mockReset();
  homeSummary.mockImplementation((d: string | null) => Promise.resolve({ status: "ok", data: summary(d ?? "2024-11-01") }));
});

describe("HomePage", () => {
  it("shows the overdue tasks and whose they are, each a click away", async () => {
    const onopentask = vi.fn();
    const onopentasks = vi.fn();
    render(HomePage, { props: { onopenmeeting: vi.fn(), onopendocument: vi.fn(), onopentask, onopentasks } });
    const rows = await screen.findAllByTestId("home-overdue-row");
    expect(rows.map((r) => r.textContent)).toEqual([expect.stringContaining("Sở Y tế"), expect.stringContaining("Sở Khoa học và Công nghệ")]);
    expect(rows[1].textContent).toContain("37 ngày");
    expect(screen.getByTestId("tile-overdue").textContent).toContain("2");
    await fireEvent.click(within(rows[1]).getByRole("button"));
    expect(onopentask).toHaveBeenCalledWith("c");
    await fireEvent.click(screen.getByTestId("tile-overdue"));
    expect(onopentasks).toHaveBeenCalledWith("overdue");
    expect(homeSummary).toHaveBeenCalledWith(null);
  });

  it("asks again as of the date typed", async () => {
    render(HomePage, { props: { onopenmeeting: vi.fn(), onopendocument: vi.fn(), onopentask: vi.fn(), onopentasks: vi.fn() } });
    await screen.findAllByTestId("home-overdue-row");
    await waitFor(() => expect(screen.getByText("Để trống: hôm nay, 01/11/2024")).toBeTruthy());
    await fireEvent.input(screen.getByTestId("as-of"), { target: { value: "20/10/2024" } });
    await waitFor(() => expect(homeSummary).toHaveBeenLastCalledWith("2024-10-20"));
  });
});

describe("chart rows", () => {
  it("counts every open status not late as open in the chart", () => {
    const rows = completionRows([{ agency_name: "Sở Y tế", counts: { ...counts } }]);
    expect(rows).toEqual([{ agency: "Sở Y tế", on_time: 1, late: 0, open: 3, overdue: 2 }]);
  });
});
