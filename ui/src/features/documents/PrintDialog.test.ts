import { beforeEach, describe, expect, it, vi } from "vitest";
import { fireEvent, render, screen, waitFor } from "@testing-library/svelte";

// The backend is replaced by a spy: this test is about the dialog, not the printer.
const documentPrint = vi.fn();
vi.mock("../../lib/bindings", () => ({
  commands: {
    documentPrint: (...args: unknown[]) => documentPrint(...args),
  },
}));

import PrintDialog from "./PrintDialog.svelte";

beforeEach(() => documentPrint.mockReset());

function open(ondone = vi.fn()) {
  render(PrintDialog, { props: { documentId: "d1", label: "Văn bản số 01/TB-TCT", onclose: () => {}, ondone } });
  return ondone;
}

describe("PrintDialog", () => {
  it("refuses a copies count outside 1–99 and sends nothing", async () => {
    open();
    for (const bad of ["0", "100", "1.5"]) {
      await fireEvent.input(screen.getByTestId("print-copies"), { target: { value: bad } });
      await fireEvent.click(screen.getByTestId("dialog-submit"));
      expect(screen.getByTestId("dialog-error").textContent).toBe("Số bản in phải từ 1 đến 99.");
    }
    expect(documentPrint).not.toHaveBeenCalled();
  });

  it("sends the copies count and hands the result back", async () => {
    const result = { printed: true, printer: "HP", copies: 4, file: "/d/print/01-TB-TCT.pdf", reason: null };
    documentPrint.mockResolvedValue({ status: "ok", data: result });
    const ondone = open();
    await fireEvent.input(screen.getByTestId("print-copies"), { target: { value: "4" } });
    await fireEvent.click(screen.getByTestId("dialog-submit"));
    await waitFor(() => expect(ondone).toHaveBeenCalledWith(result));
    expect(documentPrint).toHaveBeenCalledWith("d1", 4);
  });

  it("shows the backend's message when printing fails", async () => {
    documentPrint.mockResolvedValue({ status: "error", error: { code: "storage", message: "Không mở được trình xem PDF." } });
    const ondone = open();
    await fireEvent.click(screen.getByTestId("dialog-submit"));
    await waitFor(() => expect(screen.getByTestId("dialog-error").textContent).toBe("Không mở được trình xem PDF."));
    expect(documentPrint).toHaveBeenCalledWith("d1", 1);
    expect(ondone).not.toHaveBeenCalled();
  });
});
