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

  it("names what is missing", () => {
    expect(formError({ ...base, sender_name: "  " })).toContain("cơ quan gửi");
    expect(formError({ ...base, subject: "" })).toContain("Trích yếu");
  });

  it("leaves the order of the dates to the core, which says what is wrong", () => {
    expect(formError({ ...base, document_date: "2025-04-05" })).toBe("");
    expect(formError({ ...base, due_date: "2025-03-30" })).toBe("");
  });
});
