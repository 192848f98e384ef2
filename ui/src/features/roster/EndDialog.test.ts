import { beforeEach, describe, expect, it, vi } from "vitest";
import { fireEvent, render, screen, waitFor } from "@testing-library/svelte";
import type { RosterEntry } from "../../lib/bindings";

// The backend is replaced by spies: this test is about which act the dialog sends.
const membershipVacate = vi.fn();
const membershipEnd = vi.fn();
vi.mock("../../lib/bindings", () => ({
  commands: {
    membershipVacate: (...args: unknown[]) => membershipVacate(...args),
    membershipEnd: (...args: unknown[]) => membershipEnd(...args),
  },
}));

import EndDialog from "./EndDialog.svelte";

const leader: RosterEntry = {
  membership_id: "m-leader",
  role: "leader",
  role_label: "Tổ trưởng",
  seat_order: 1,
  person_id: "p-phu",
  person_name: "Ông Võ Trọng Phú",
  full_name: "Võ Trọng Phú",
  honorific: "ong",
  post: "Phó Giám đốc",
  agency_id: "a-stttt",
  agency_name: "Sở Thông tin và Truyền thông",
  position: "Phó Giám đốc Sở Thông tin và Truyền thông",
  vacant: false,
  start_date: "2024-05-15",
  end_date: null,
  decision_number: "1321/QĐ-BCĐCĐS",
  decision_date: "2024-05-15",
};

beforeEach(() => {
  membershipVacate.mockReset().mockResolvedValue({ status: "ok", data: { id: "m-vacant" } });
  membershipEnd.mockReset().mockResolvedValue({ status: "ok", data: { id: "m-leader" } });
});

describe("EndDialog (kết thúc)", () => {
  it("has no date filled in, so submitting at once ends nobody", async () => {
    const onsaved = vi.fn();
    render(EndDialog, { props: { entry: leader, onclose: () => {}, onsaved } });
    expect((screen.getByTestId("end-date") as HTMLInputElement).value).toBe("");
    await fireEvent.click(screen.getByTestId("dialog-submit"));
    expect(screen.getByTestId("dialog-error").textContent).toBe("Hãy nhập ngày (dd/mm/yyyy).");
    expect(membershipVacate).not.toHaveBeenCalled();
    expect(membershipEnd).not.toHaveBeenCalled();
    expect(onsaved).not.toHaveBeenCalled();
  });

  it("ends the person's membership and keeps the seat by default", async () => {
    const onsaved = vi.fn();
    render(EndDialog, { props: { entry: leader, onclose: () => {}, onsaved } });
    expect(screen.getByTestId("dialog-submit").textContent?.trim()).toBe("Thôi giữ vị trí");
    await fireEvent.input(screen.getByTestId("end-date"), { target: { value: "10/01/2025" } });
    await fireEvent.click(screen.getByTestId("dialog-submit"));
    await waitFor(() => expect(onsaved).toHaveBeenCalled());
    expect(membershipVacate).toHaveBeenCalledWith(expect.objectContaining({ membership_id: "m-leader", end_date: "2025-01-10" }));
    expect(membershipEnd).not.toHaveBeenCalled();
    expect(onsaved.mock.calls[0][0]).toMatchObject({ act: "vacate", date: "2025-01-10", result: { id: "m-vacant" } });
  });

  it("abolishes the seat when that act is chosen", async () => {
    const onsaved = vi.fn();
    render(EndDialog, { props: { entry: leader, onclose: () => {}, onsaved } });
    await fireEvent.click(screen.getByTestId("end-act-abolish"));
    expect(screen.getByTestId("dialog-submit").textContent?.trim()).toBe("Bãi bỏ vị trí");
    await fireEvent.input(screen.getByTestId("end-date"), { target: { value: "10/01/2025" } });
    await fireEvent.click(screen.getByTestId("dialog-submit"));
    await waitFor(() => expect(onsaved).toHaveBeenCalled());
    expect(membershipEnd).toHaveBeenCalledTimes(1);
    expect(membershipVacate).not.toHaveBeenCalled();
  });

  it("offers only abolishing for a seat with nobody in it", () => {
    render(EndDialog, { props: { entry: { ...leader, vacant: true, person_id: null, person_name: "" }, onclose: () => {}, onsaved: () => {} } });
    expect(screen.queryByTestId("end-act-vacate")).toBeNull();
    expect(screen.getByTestId("dialog-submit").textContent?.trim()).toBe("Bãi bỏ vị trí");
  });
});
