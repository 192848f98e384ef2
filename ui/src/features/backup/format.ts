// How backups read in the window: "29/11/2026 10:28", "1,5 MB", "3 ngày trước".
import type { BackupEntry, BackupKind } from "../../lib/bindings";

/** "2026-11-29T10:28:18" (local time of the machine that made it) → "29/11/2026 10:28". */
export function formatBackupTime(iso: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})/.exec(iso);
  return m ? `${m[3]}/${m[2]}/${m[1]} ${m[4]}:${m[5]}` : iso;
}

/** Bytes in MB with a Vietnamese decimal comma: 1572864 → "1,5 MB"; below 0,1 MB → "< 0,1 MB". */
export function formatSize(bytes: number | null): string {
  if (bytes === null || !Number.isFinite(bytes)) return "";
  const mb = bytes / 1048576;
  if (mb < 0.1) return "< 0,1 MB";
  return `${mb.toFixed(1).replace(".", ",")} MB`;
}

export const kindLabels: Record<BackupKind, string> = {
  manual: "Thủ công",
  scheduled: "Tự động",
  pre_migration: "Trước nâng cấp",
};

/** "hôm nay", "hôm qua", "5 ngày trước". */
export function formatAge(days: number | null): string {
  if (days === null) return "";
  if (days <= 0) return "hôm nay";
  if (days === 1) return "hôm qua";
  return `${days} ngày trước`;
}

/** The one line the status bar shows. */
export function statusLine(last: BackupEntry | null, ageDays: number | null, stale: boolean, warnAfter: number): string {
  if (!last) return "Chưa có bản sao lưu nào";
  const when = `Sao lưu gần nhất: ${formatBackupTime(last.created_at)} (${formatAge(ageDays)})`;
  return stale ? `${when} — đã quá ${warnAfter} ngày` : when;
}
