// Meeting times: the backend takes "2024-09-05T14:00:00"; people type a date and "14:00".

/** "14:00" or "14h00" or "14 giờ 00" → "14:00"; null when not a time of day. */
export function parseClock(input: string): string | null {
  const m = /^\s*(\d{1,2})\s*(?::|h|giờ)\s*(\d{2})?\s*$/i.exec(input);
  if (!m) return null;
  const h = Number(m[1]);
  const min = Number(m[2] ?? "0");
  if (h > 23 || min > 59) return null;
  return `${String(h).padStart(2, "0")}:${String(min).padStart(2, "0")}`;
}

export const joinDateTime = (isoDate: string, clock: string) => `${isoDate}T${clock}:00`;
export const datePart = (dt: string | null | undefined) => (dt ? dt.slice(0, 10) : null);
export const clockPart = (dt: string | null | undefined) => (dt ? dt.slice(11, 16) : "");
