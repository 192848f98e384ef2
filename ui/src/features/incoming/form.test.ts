import { describe, expect, it } from "vitest";
import { formError, type Draft } from "./form";

const base: Draft = {
  received_on: "2025-04-02",
  sender_agency_id: "",
  sender_name: "UBND huyện Nghi Lộc",
  number_symbol: "7/UBND",
  document_date: "2025-04-01",
  type_name: "Công văn",
  subject: "Về lịch họp",
  urgency: "normal",
  handling_agency_id: "",
  handler_person_id: "",
  passed_on: null,
  due_date: null,
  notes: "",
};

describe("the incoming register form", () => {
  it("accepts a complete letter", () => {
    expect(formError(base)).toBe("");
    expect(formError({ ...base, sender_name: "", sender_agency_id: "a1" })).toBe("");
  });

  it("names what is missing or out of order, with dd/mm/yyyy dates", () => {
    expect(formError({ ...base, sender_name: "  " })).toContain("cơ quan gửi");
    expect(formError({ ...base, subject: "" })).toContain("Trích yếu");
    expect(formError({ ...base, document_date: "2025-04-05" })).toBe(
      "Ngày văn bản 05/04/2025 sau ngày đến 02/04/2025: hãy kiểm tra lại hai ngày này.",
    );
    expect(formError({ ...base, due_date: "2025-03-30" })).toBe("Hạn xử lý 30/03/2025 trước ngày đến 02/04/2025.");
    expect(formError({ ...base, passed_on: "2025-04-01" })).toContain("Ngày chuyển 01/04/2025");
  });
});
