// The register dialog's fields and the checks that spare a round trip (a field left empty).
// Every other rule (the order of the dates, …) is the core's: its message is shown as it is.
import type { IncomingUrgency } from "../../lib/bindings";

export type Draft = {
  received_on: string | null;
  sender_agency_id: string;
  sender_name: string;
  number_symbol: string;
  document_date: string | null;
  type_name: string;
  subject: string;
  urgency: IncomingUrgency;
  handling_agency_id: string;
  handler_person_id: string;
  passed_on: string | null;
  due_date: string | null;
  notes: string;
};

/** The first empty required field, in Vietnamese; "" when the form can be sent. */
export function formError(d: Draft): string {
  if (!d.received_on) return "Hãy ghi ngày đến.";
  if (!d.sender_agency_id && d.sender_name.trim() === "") return "Hãy chọn cơ quan gửi trong danh sách hoặc gõ tên cơ quan gửi.";
  if (d.subject.trim() === "") return "Trích yếu nội dung không được để trống.";
  return "";
}
