import { describe, expect, it, vi } from "vitest";
import { render, screen, waitFor } from "@testing-library/svelte";
import type { Body, Meeting, RosterView } from "../../lib/bindings";

// The backend is replaced by spies: this test is about the dialog loading its roster as of the
// meeting day, through the shared resources, and following the body chosen.
const body = (id: string, name: string): Body => ({
  id,
  kind: id === "tf" ? "task_force" : "steering_committee",
  name,
  short_name: id,
  parent_id: null,
  host_agency_id: null,
  roles: [{ role: "member", label: "Thành viên" }],
});
const rosterAsOf = vi.fn((bodyId: string, asOf: string) => {
  const view: RosterView = {
    body: body(bodyId, bodyId),
    as_of: asOf,
    groups: [
      {
        role: "member",
        label: "Thành viên",
        entries: [
          {
            membership_id: `${bodyId}-1`,
            role: "member",
            role_label: "Thành viên",
            seat_order: 1,
            person_id: null,
            person_name: "",
            full_name: "",
            honorific: "none",
            post: "",
            agency_id: "yt",
            agency_name: bodyId === "tf" ? "Sở Y tế" : "Sở Tài chính",
            position: "",
            vacant: true,
            start_date: "2024-05-15",
            end_date: null,
            decision_number: "",
            decision_date: null,
          },
        ],
      },
    ],
    total: 1,
    vacant: 1,
  };
  return Promise.resolve({ status: "ok", data: view });
});
vi.mock("../../lib/bindings", () => ({
  commands: {
    bodyList: () => Promise.resolve({ status: "ok", data: [body("bcd", "Ban Chỉ đạo"), body("tf", "Tổ Công tác")] }),
    rosterAsOf: (bodyId: string, asOf: string) => rosterAsOf(bodyId, asOf),
  },
}));

import InviteDialog from "./InviteDialog.svelte";

describe("InviteDialog", () => {
  it("opens on the meeting's body, its roster as of the meeting day", async () => {
    const meeting = { id: "m1", body_id: "tf", planned_start: "2024-09-05T14:00:00" } as Meeting;
    render(InviteDialog, { props: { meeting, onclose: () => {}, ondone: () => {} } });
    await waitFor(() => expect(screen.getAllByTestId("pick-member").length).toBe(1));
    expect(rosterAsOf).toHaveBeenCalledWith("tf", "2024-09-05");
    expect(screen.getByText(/Lãnh đạo Sở Y tế/)).toBeTruthy();
    await waitFor(() => expect((document.querySelector("#inv-body") as HTMLSelectElement).selectedOptions[0]?.textContent).toBe("Tổ Công tác"));
  });
});
