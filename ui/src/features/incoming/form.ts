// The register dialog's fields and their checks (the same rules the backend applies, said
// before anything is sent).
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

const vn = (iso: string) => iso.split("-").reverse().join("/");

/** The first problem of the form, in Vietnamese; "" when it can be saved. Dates are ISO. */
export function formError(d: Draft): string {
  if (!d.received_on) return "Hãy ghi ngày đến.";
  if (!d.sender_agency_id && d.sender_name.trim() === "") return "Hãy chọn cơ quan gửi trong danh sách hoặc gõ tên cơ quan gửi.";
  if (d.subject.trim() === "") return "Trích yếu nội dung không được để trống.";
  if (d.document_date && d.document_date > d.received_on)
    return `Ngày văn bản ${vn(d.document_date)} sau ngày đến ${vn(d.received_on)}: hãy kiểm tra lại hai ngày này.`;
  if (d.passed_on && d.passed_on < d.received_on) return `Ngày chuyển ${vn(d.passed_on)} trước ngày đến ${vn(d.received_on)}.`;
  if (d.due_date && d.due_date < d.received_on) return `Hạn xử lý ${vn(d.due_date)} trước ngày đến ${vn(d.received_on)}.`;
  return "";
}
