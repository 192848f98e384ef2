// Vietnamese names of document types, statuses and signing authorities for the screens.
import type { Authority, DocumentType, IssuingAuthority, Urgency } from "../../lib/bindings";

export const TYPES: { value: DocumentType; label: string }[] = [
  { value: "announcement", label: "Thông báo" },
  { value: "minutes", label: "Biên bản" },
  { value: "invitation", label: "Giấy mời" },
  { value: "report", label: "Báo cáo" },
  { value: "plan", label: "Kế hoạch" },
  { value: "programme", label: "Chương trình" },
  { value: "submission", label: "Tờ trình" },
  { value: "decision", label: "Quyết định" },
  { value: "official_letter", label: "Công văn" },
];

export const typeLabel = (t: DocumentType) => TYPES.find((x) => x.value === t)?.label ?? t;

export const AUTHORITIES: { value: Authority | null; label: string }[] = [
  { value: null, label: "(không)" },
  { value: "tm", label: "TM." },
  { value: "kt", label: "KT." },
  { value: "q", label: "Q." },
  { value: "tl", label: "TL." },
  { value: "tuq", label: "TUQ." },
];

export const URGENCIES: { value: Urgency | null; label: string }[] = [
  { value: null, label: "Thường" },
  { value: "urgent", label: "Khẩn" },
  { value: "very_urgent", label: "Thượng khẩn" },
  { value: "flash", label: "Hỏa tốc" },
];

/** Text areas edit lists one item per line. */
export const toLines = (items: string[] | undefined) => (items ?? []).join("\n");
export const fromLines = (text: string) =>
  text
    .split("\n")
    .map((s) => s.trim())
    .filter((s) => s.length > 0);

/** "VT, TCT": the Lưu line of an issuing body's documents (as the backend composes it). */
export const archiveOf = (a: IssuingAuthority) => `VT, ${a.unit_symbol || a.symbol}`;
