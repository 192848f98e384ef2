import { beforeEach, describe, expect, it, vi } from "vitest";
import { fireEvent, render, screen, waitFor, within } from "@testing-library/svelte";
import type { Body, RosterEntry, RosterView } from "../../lib/bindings";

// The backend is replaced by spies: this test is about the roster screen's ↑/↓ buttons.
const membershipMove = vi.fn();
const rosterAsOf = vi.fn();
const body: Body = {
  id: "tf",
  kind: "task_force",
  name: "Tổ Công tác",
  short_name: "TCT",
  parent_id: null,
  host_agency_id: null,
  roles: [
    { role: "leader", label: "Tổ trưởng" },
    { role: "deputy_leader", label: "Tổ phó" },
    { role: "member", label: "Tổ viên" },
    { role: "secretary", label: "Thư ký" },
  ],
};
vi.mock("../../lib/bindings", () => ({
  commands: {
    bodyList: () => Promise.resolve({ status: "ok", data: [body] }),
    rosterAsOf: (...args: unknown[]) => rosterAsOf(...args),
    membershipMove: (...args: unknown[]) => membershipMove(...args),
  },
}));

import RosterPage from "./RosterPage.svelte";

function seat(id: string, agency: string, seat_order: number): RosterEntry {
  return {
    membership_id: id,
    role: "member",
    role_label: "Tổ viên",
    seat_order,
    person_id: null,
    person_name: "",
    full_name: "",
    honorific: "none",
    post: "Lãnh đạo",
    agency_id: `a-${id}`,
    agency_name: agency,
    position: `Lãnh đạo ${agency}`,
    vacant: true,
    start_date: "2024-05-15",
    end_date: null,
    decision_number: "1321/QĐ-BCĐCĐS",
    decision_date: "2024-05-15",
  };
}

function view(entries: RosterEntry[]): RosterView {
  return {
    body,
    as_of: "2024-09-05",
    groups: [
      { role: "leader", label: "Tổ trưởng", entries: [] },
      { role: "deputy_leader", label: "Tổ phó", entries: [] },
      { role: "member", label: "Tổ viên", entries },
      { role: "secretary", label: "Thư ký", entries: [] },
    ],
    total: entries.length,
    vacant: entries.length,
  };
}

const xd = seat("xd", "Sở Xây dựng", 8);
const yt = seat("yt", "Sở Y tế", 9);
const ca = seat("ca", "Công an tỉnh", 10);

async function rows() {
  await waitFor(() => expect(screen.getAllByTestId("roster-row").length).toBe(3));
  return screen.getAllByTestId("roster-row");
}

beforeEach(() => {
  membershipMove.mockReset();
  rosterAsOf.mockReset();
  rosterAsOf.mockResolvedValue({ status: "ok", data: view([xd, yt, ca]) });
});

describe("RosterPage protocol order", () => {
  it("has labelled up/down buttons, disabled at the ends of a role group", async () => {
    render(RosterPage, { props: { onchanged: () => {} } });
    const [first, , last] = await rows();
    const up = within(first).getByRole("button", { name: "Chuyển lên" }) as HTMLButtonElement;
    expect(up.title).toBe("Chuyển lên");
    expect(up.disabled).toBe(true);
    expect((within(first).getByRole("button", { name: "Chuyển xuống" }) as HTMLButtonElement).disabled).toBe(false);
    expect((within(last).getByRole("button", { name: "Chuyển xuống" }) as HTMLButtonElement).disabled).toBe(true);
  });

  it("moves a seat and shows the order the backend saved", async () => {
    membershipMove.mockResolvedValue({ status: "ok", data: view([yt, xd, ca]) });
    render(RosterPage, { props: { onchanged: () => {} } });
    const second = (await rows())[1];
    await fireEvent.click(within(second).getByRole("button", { name: "Chuyển lên" }));
    expect(membershipMove).toHaveBeenCalledWith({ membership_id: "yt", direction: "up", as_of: "2024-09-05" });
    await waitFor(() => expect(screen.getAllByTestId("roster-row")[0].textContent).toContain("Sở Y tế"));
    expect(screen.getAllByTestId("roster-row")[1].textContent).toContain("Sở Xây dựng");
  });

  it("shows the backend's refusal", async () => {
    membershipMove.mockResolvedValue({ status: "error", error: { code: "validation", message: "Vị trí này đã ở cuối nhóm Tổ viên." } });
    render(RosterPage, { props: { onchanged: () => {} } });
    const second = (await rows())[1];
    await fireEvent.click(within(second).getByRole("button", { name: "Chuyển xuống" }));
    await waitFor(() => expect(screen.getByTestId("page-error").textContent).toBe("Vị trí này đã ở cuối nhóm Tổ viên."));
  });
});
