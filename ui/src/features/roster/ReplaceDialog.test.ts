import { beforeEach, describe, expect, it, vi } from "vitest";
import { fireEvent, render, screen, waitFor } from "@testing-library/svelte";
import type { RosterEntry } from "../../lib/bindings";

// The backend is replaced by spies: this test is about what the dialog asks and sends.
const membershipReplace = vi.fn();
vi.mock("../../lib/bindings", () => ({
  commands: {
    membershipReplace: (...args: unknown[]) => membershipReplace(...args),
    personList: () => Promise.resolve({ status: "ok", data: [] }),
    agencyList: () => Promise.resolve({ status: "ok", data: [] }),
  },
}));

import ReplaceDialog from "./ReplaceDialog.svelte";

// The Sở Y tế seat of decision 1321: an agency, nobody named.
const seat: RosterEntry = {
  membership_id: "m-syt",
  role: "member",
  role_label: "Tổ viên",
  seat_order: 9,
  person_id: null,
  person_name: "",
  full_name: "",
  honorific: "none",
  post: "Lãnh đạo",
  agency_id: "a-syt",
  agency_name: "Sở Y tế",
  position: "Lãnh đạo Sở Y tế",
  vacant: true,
  start_date: "2024-05-15",
  end_date: null,
  decision_number: "1321/QĐ-BCĐCĐS",
  decision_date: "2024-05-15",
};

async function typeName(name: string) {
  await fireEvent.input(screen.getByTestId("person-name"), { target: { value: name } });
}

beforeEach(() => {
  membershipReplace.mockReset();
  membershipReplace.mockResolvedValue({ status: "ok", data: { id: "m-new" } });
});

describe("ReplaceDialog (cử người)", () => {
  it("says the founding decision named nobody and asks for the naming decision", async () => {
    const onsaved = vi.fn();
    render(ReplaceDialog, { props: { entry: seat, onclose: () => {}, onsaved } });
    expect(screen.getByTestId("replace-explain").textContent).toContain("Quyết định 1321/QĐ-BCĐCĐS chưa nêu tên người");
    await typeName("Trần Thị Ánh");
    await fireEvent.click(screen.getByTestId("dialog-submit"));
    expect(screen.getByTestId("replace-decision-error").textContent).toBe("Hãy nhập số quyết định cử người.");
    await fireEvent.input(screen.getByTestId("replace-decision"), { target: { value: "25/QĐ-BCĐCĐS" } });
    await fireEvent.click(screen.getByTestId("dialog-submit"));
    expect(screen.getByTestId("dialog-error").textContent).toBe("Hãy nhập ngày của quyết định cử người (dd/mm/yyyy).");
    expect(membershipReplace).not.toHaveBeenCalled();
    expect(onsaved).not.toHaveBeenCalled();
  });

  it("starts the person on the decision's date unless another date is typed", async () => {
    const onsaved = vi.fn();
    render(ReplaceDialog, { props: { entry: seat, onclose: () => {}, onsaved } });
    await typeName("Trần Thị Ánh");
    await fireEvent.input(screen.getByTestId("replace-decision"), { target: { value: "25/QĐ-BCĐCĐS" } });
    await fireEvent.input(screen.getByTestId("replace-decision-date"), { target: { value: "01/06/2024" } });
    expect((screen.getByTestId("replace-date") as HTMLInputElement).value).toBe("01/06/2024");
    await fireEvent.click(screen.getByTestId("dialog-submit"));
    await waitFor(() => expect(onsaved).toHaveBeenCalled());
    expect(membershipReplace).toHaveBeenCalledWith(
      expect.objectContaining({
        membership_id: "m-syt",
        date: "2024-06-01",
        decision_number: "25/QĐ-BCĐCĐS",
        decision_date: "2024-06-01",
        new_person: expect.objectContaining({ full_name: "Trần Thị Ánh", agency_id: "a-syt" }),
      }),
    );

    // A typed date is kept when the decision date changes afterwards.
    await fireEvent.input(screen.getByTestId("replace-date"), { target: { value: "03/06/2024" } });
    await fireEvent.input(screen.getByTestId("replace-decision-date"), { target: { value: "02/06/2024" } });
    expect((screen.getByTestId("replace-date") as HTMLInputElement).value).toBe("03/06/2024");
  });

  it("shows the core's message for a date that is not after the seat's start", async () => {
    // The rule lives in the core (membership::replace_member); the dialog shows what it answers.
    const refusal =
      'Ngày giữ vị trí phải sau ngày lập vị trí (15/05/2024). Nếu chính quyết định 1321/QĐ-BCĐCĐS đã nêu tên người này, hãy dùng "Sửa" để ghi tên vào vị trí.';
    membershipReplace.mockResolvedValue({ status: "error", error: { code: "validation", message: refusal } });
    const onsaved = vi.fn();
    render(ReplaceDialog, { props: { entry: seat, onclose: () => {}, onsaved } });
    await typeName("Trần Thị Ánh");
    await fireEvent.input(screen.getByTestId("replace-decision"), { target: { value: "25/QĐ-BCĐCĐS" } });
    await fireEvent.input(screen.getByTestId("replace-decision-date"), { target: { value: "15/05/2024" } });
    await fireEvent.click(screen.getByTestId("dialog-submit"));
    await waitFor(() => expect(screen.getByTestId("dialog-error").textContent).toBe(refusal));
    expect(membershipReplace).toHaveBeenCalledWith(expect.objectContaining({ date: "2024-05-15" }));
    expect(onsaved).not.toHaveBeenCalled();
  });
});
