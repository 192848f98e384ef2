import { beforeEach, describe, expect, it, vi } from "vitest";
import { fireEvent, render, screen, waitFor } from "@testing-library/svelte";

// The backend is replaced by spies: this test is about the form, not the store.
const personCreate = vi.fn();
const agencyList = vi.fn();
vi.mock("../../lib/bindings", () => ({
  commands: {
    personCreate: (...args: unknown[]) => personCreate(...args),
    agencyList: () => agencyList(),
  },
}));

import PersonDialog from "./PersonDialog.svelte";

beforeEach(() => {
  personCreate.mockReset();
  agencyList.mockReset();
  agencyList.mockResolvedValue({ status: "ok", data: [] });
});

describe("PersonDialog", () => {
  it("refuses an empty name inline and sends nothing", async () => {
    const onsaved = vi.fn();
    render(PersonDialog, { props: { person: null, onclose: () => {}, onsaved } });
    await fireEvent.input(screen.getByTestId("person-name"), { target: { value: "   " } });
    await fireEvent.click(screen.getByTestId("dialog-submit"));
    expect(screen.getByTestId("person-name-error").textContent).toBe("Họ và tên không được để trống.");
    expect(personCreate).not.toHaveBeenCalled();
    expect(onsaved).not.toHaveBeenCalled();
  });

  it("shows the backend's message when the backend refuses", async () => {
    personCreate.mockResolvedValue({ status: "error", error: { code: "validation", message: 'Địa chỉ thư điện tử "x@y" không hợp lệ.' } });
    render(PersonDialog, { props: { person: null, onclose: () => {}, onsaved: () => {} } });
    await fireEvent.input(screen.getByTestId("person-name"), { target: { value: "Nguyễn Văn An" } });
    await fireEvent.click(screen.getByTestId("dialog-submit"));
    await waitFor(() => expect(screen.getByTestId("dialog-error").textContent).toBe('Địa chỉ thư điện tử "x@y" không hợp lệ.'));
    expect(personCreate).toHaveBeenCalledWith(expect.objectContaining({ full_name: "Nguyễn Văn An", honorific: "ong" }));
  });

  it("hands the saved person back", async () => {
    const saved = { id: "p1", full_name: "Nguyễn Văn An" };
    personCreate.mockResolvedValue({ status: "ok", data: saved });
    const onsaved = vi.fn();
    render(PersonDialog, { props: { person: null, onclose: () => {}, onsaved } });
    await fireEvent.input(screen.getByTestId("person-name"), { target: { value: "Nguyễn Văn An" } });
    await fireEvent.click(screen.getByTestId("dialog-submit"));
    await waitFor(() => expect(onsaved).toHaveBeenCalledWith(saved));
  });
});
