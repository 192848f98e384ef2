import { beforeAll, describe, expect, it } from "vitest";
import { meetingTitle, splitForm } from "./naming";
import { labels, useLabels } from "../../lib/labels.svelte";

// The form names come from the core's `labels` at start-up; these are the ones it sends.
beforeAll(() =>
  useLabels({
    ...labels(),
    meeting_forms: [
      { value: "session", label: "Phiên họp" },
      { value: "meeting", label: "Cuộc họp" },
      { value: "conference", label: "Hội nghị" },
      { value: "working_session", label: "Buổi làm việc" },
    ],
  }),
);

describe("meeting names", () => {
  it("takes a typed form word as the form, once", () => {
    expect(splitForm("meeting", "Phiên họp Ban Chỉ đạo quý III năm 2024")).toEqual({
      form: "session",
      subject: "Ban Chỉ đạo quý III năm 2024",
    });
    expect(splitForm("session", "Cuộc họp Phiên họp Ban Chỉ đạo")).toEqual({ form: "session", subject: "Ban Chỉ đạo" });
    expect(splitForm("session", "Họp Ban Chỉ đạo")).toEqual({ form: "session", subject: "Ban Chỉ đạo" });
    expect(splitForm("meeting", "Hợp tác số với Viettel").subject).toBe("Hợp tác số với Viettel");
  });
  it("prints the title without doubled words", () => {
    expect(meetingTitle("meeting", "Họp Tổ Công tác quý III")).toBe("Cuộc họp Tổ Công tác quý III");
    expect(meetingTitle("conference", "sơ kết 6 tháng")).toBe("Hội nghị sơ kết 6 tháng");
    expect(meetingTitle("session", "Phiên họp")).toBe("");
  });
});
