import { beforeEach, describe, expect, it, vi } from "vitest";
import { fireEvent, render, screen, waitFor } from "@testing-library/svelte";

// The backend is replaced by spies: this test is about the panel and its dialog.
const documentSignatures = vi.fn();
const tokenCertificates = vi.fn();
const documentSign = vi.fn();
vi.mock("../../lib/bindings", () => ({
  commands: {
    documentSignatures: (...a: unknown[]) => documentSignatures(...a),
    tokenCertificates: () => tokenCertificates(),
    documentSign: (...a: unknown[]) => documentSign(...a),
  },
}));

import SignaturesPanel from "./SignaturesPanel.svelte";

const cert = (holder: string, keyId: string, signing = true) => ({
  slot: "1234567890123",
  token_label: "VGCA",
  key_id: keyId,
  info: {
    holder,
    organisation: "Sở Thông tin và Truyền thông",
    subject: `CN=${holder}`,
    issuer: "CN=CA",
    serial: "01",
    not_before: "2024-01-01T00:00:00+00:00",
    not_after: "2027-01-01T00:00:00+00:00",
    signing_usage: signing,
  },
});

const signature = {
  seq: 1,
  kind: "signer",
  kind_label: "Chữ ký số của người có thẩm quyền",
  signer_name: "Võ Trọng Phú",
  signed_at: "2025-01-06T09:30:00+07:00",
  cert_subject: "CN=Võ Trọng Phú",
  cert_serial: "01",
  state: "valid",
  state_label: "Hợp lệ",
  message: "Chữ ký hợp lệ; văn bản không bị thay đổi sau khi ký.",
  checked_at: "2025-01-06T02:30:00Z",
};

beforeEach(() => {
  documentSignatures.mockReset();
  tokenCertificates.mockReset();
  documentSign.mockReset();
  documentSignatures.mockResolvedValue({ status: "ok", data: [] });
  tokenCertificates.mockResolvedValue({
    status: "ok",
    data: [cert("Chỉ Mã Hóa", "04", false), cert("Võ Trọng Phú", "01")],
  });
});

describe("SignaturesPanel", () => {
  it("signs with the chosen token certificate and the PIN, then lists who signed when", async () => {
    documentSign.mockResolvedValue({ status: "ok", data: [signature] });
    const onsigned = vi.fn();
    render(SignaturesPanel, { props: { id: "d1", canSign: true, onsigned } });
    await waitFor(() => expect(screen.getByText("Văn bản chưa có chữ ký số.")).toBeTruthy());
    await fireEvent.click(screen.getByTestId("sign-document"));
    await waitFor(() => expect(tokenCertificates).toHaveBeenCalled());
    // The certificate that cannot sign is listed but not chosen.
    await waitFor(() => expect((screen.getByTestId("sign-certificate") as HTMLSelectElement).value).toBe("1234567890123/01"));
    await fireEvent.input(screen.getByTestId("sign-pin"), { target: { value: "246810" } });
    await fireEvent.click(screen.getByTestId("dialog-submit"));
    await waitFor(() => expect(onsigned).toHaveBeenCalled());
    expect(documentSign).toHaveBeenCalledWith("d1", "signer", "1234567890123", "01", "246810", {
      signer_index: null,
      person_id: null,
      copy_form: null,
    });
    const list = screen.getByTestId("signature-list").textContent ?? "";
    expect(list).toContain("Võ Trọng Phú");
    expect(list).toContain("2025-01-06T09:30:00+07:00");
    expect(list).toContain("Hợp lệ");
  });

  it("keeps the dialog open with the token's message when the PIN is wrong", async () => {
    documentSign.mockResolvedValue({
      status: "error",
      error: { code: "validation", message: "Mã PIN không đúng. Lưu ý: nhập sai nhiều lần liên tiếp, USB ký số sẽ bị khóa." },
    });
    const onsigned = vi.fn();
    render(SignaturesPanel, { props: { id: "d1", canSign: true, onsigned } });
    await fireEvent.click(screen.getByTestId("sign-document"));
    await waitFor(() => expect((screen.getByTestId("sign-certificate") as HTMLSelectElement).value).toBe("1234567890123/01"));
    await fireEvent.input(screen.getByTestId("sign-pin"), { target: { value: "000000" } });
    await fireEvent.click(screen.getByTestId("dialog-submit"));
    await waitFor(() => expect(screen.getByTestId("dialog-error").textContent).toContain("Mã PIN không đúng"));
    expect(onsigned).not.toHaveBeenCalled();
    // The PIN typed is not kept in the field after an attempt.
    expect((screen.getByTestId("sign-pin") as HTMLInputElement).value).toBe("");
  });
});
