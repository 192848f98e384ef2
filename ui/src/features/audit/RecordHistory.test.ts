import { describe, expect, it, vi } from "vitest";
import { render, screen, waitFor } from "@testing-library/svelte";

// The backend is replaced by a spy: this test is about what the dialog asks and shows.
const auditList = vi.fn();
vi.mock("../../lib/bindings", () => ({
  commands: { auditList: (...args: unknown[]) => auditList(...args) },
}));

import RecordHistory from "./RecordHistory.svelte";

describe("RecordHistory", () => {
  it("asks for one record's entries and shows each change labelled", async () => {
    auditList.mockResolvedValue({
      status: "ok",
      data: [
        {
          id: 7,
          at: new Date(2025, 0, 6, 9, 30).toISOString(),
          user: "ha",
          action: "issue",
          action_label: "Ban hành",
          entity: "document",
          entity_label: "Văn bản",
          entity_id: "d1",
          summary: "01/TB-TCT",
          before: null,
          after: null,
          changes: [{ field: "status", label: "Trạng thái", before: "draft", after: "issued" }],
        },
      ],
    });
    render(RecordHistory, { props: { entity: "document", entityId: "d1", title: "Lịch sử", onclose: () => {} } });
    await waitFor(() => expect(screen.getAllByTestId("record-history-entry")).toHaveLength(1));
    expect(auditList).toHaveBeenCalledWith(expect.objectContaining({ entity: "document", entity_id: "d1" }));
    const entry = screen.getByTestId("record-history-entry").textContent ?? "";
    expect(entry).toContain("Ban hành · 06/01/2025 09:30 · ha");
    expect(entry).toContain("Trạng thái");
    expect(entry).toContain("issued");
  });

  it("says when the record has no entries", async () => {
    auditList.mockResolvedValue({ status: "ok", data: [] });
    render(RecordHistory, { props: { entity: "meeting", entityId: "m1", title: "Lịch sử", onclose: () => {} } });
    await waitFor(() => expect(screen.getByText("Chưa có mục nào trong nhật ký cho bản ghi này.")).toBeTruthy());
  });
});
