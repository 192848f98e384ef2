import { describe, expect, it } from "vitest";
import { formatAge, formatBackupTime, formatSize, statusLine } from "./format";
import type { BackupEntry } from "../../lib/bindings";

const entry: BackupEntry = {
  name: "secretariat-20261129-102818-thu-cong",
  path: "/media/usb/secretariat-20261129-102818-thu-cong",
  kind: "manual",
  created_at: "2026-11-29T10:28:18",
  schema_version: 3,
  app_version: "0.1.0",
  size: 1572864,
  attachments: 2,
  problems: [],
};

describe("backup formatting", () => {
  it("reads times, sizes and ages the Vietnamese way", () => {
    expect(formatBackupTime("2026-11-29T10:28:18")).toBe("29/11/2026 10:28");
    expect(formatSize(1572864)).toBe("1,5 MB");
    expect(formatSize(2048)).toBe("< 0,1 MB");
    expect(formatSize(null)).toBe("");
    expect(formatAge(0)).toBe("hôm nay");
    expect(formatAge(1)).toBe("hôm qua");
    expect(formatAge(12)).toBe("12 ngày trước");
  });

  it("says when there is no backup and when the last one is too old", () => {
    expect(statusLine(null, null, true, 7)).toBe("Chưa có bản sao lưu nào");
    expect(statusLine(entry, 2, false, 7)).toBe("Sao lưu gần nhất: 29/11/2026 10:28 (2 ngày trước)");
    expect(statusLine(entry, 9, true, 7)).toBe("Sao lưu gần nhất: 29/11/2026 10:28 (9 ngày trước) — đã quá 7 ngày");
  });
});
