// The backup overview shared by the status bar, the banner and the backup page.
import { commands, read } from "../../lib/api";
import type { BackupOverview } from "../../lib/bindings";

export const backupState = $state<{ overview: BackupOverview | null }>({ overview: null });

export async function refreshBackup(): Promise<void> {
  try {
    backupState.overview = await read(commands.backupOverview());
  } catch {
    // The status bar keeps the last figures; the page shows its own errors.
  }
}

const FLASH_KEY = "secretariat-backup-flash";

/** After a restore or a switch of view the window reloads; this message survives it once. */
export function reloadWithMessage(message: string): void {
  sessionStorage.setItem(FLASH_KEY, message);
  window.location.reload();
}

export function takeFlash(): string {
  const m = sessionStorage.getItem(FLASH_KEY) ?? "";
  sessionStorage.removeItem(FLASH_KEY);
  return m;
}
