// The status line of the background reading of attached files' text (search).

export interface ReadingStatus {
  running: boolean;
  read: number;
  total: number;
  failed: number;
}

/** "Đang đọc nội dung tệp: 120/450" (and how many could not be read), or "" when idle. */
export function readingLine(s: ReadingStatus | null): string {
  if (!s || !s.running || s.total === 0) return "";
  const failed = s.failed > 0 ? ` (${s.failed} tệp không đọc được)` : "";
  return `Đang đọc nội dung tệp: ${Math.min(s.read, s.total)}/${s.total}${failed}`;
}

/** How long to wait before asking again: often while reading, rarely when idle. */
export function nextPollMs(s: ReadingStatus | null): number {
  return s?.running ? 700 : 4000;
}
