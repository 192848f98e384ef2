// Times in the log are UTC (RFC 3339); the secretary reads them in the workstation's zone.

/** "2024-09-05T07:32:10.123Z" → "05/09/2024 14:32" in the workstation's time zone. */
export function localTime(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const p = (n: number) => (n < 10 ? `0${n}` : String(n));
  return `${p(d.getDate())}/${p(d.getMonth() + 1)}/${d.getFullYear()} ${p(d.getHours())}:${p(d.getMinutes())}`;
}
