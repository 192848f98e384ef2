// The date the follow-up screens are shown as of, shared by the overview and the task list.
// `date` null: today by the app's clock — the backend's, so that a test clock is obeyed.
import { commands, read } from "../../lib/api";

export const asOf = $state<{ date: string | null; today: string | null }>({ date: null, today: null });

/** The app's today (asked once). */
export async function today(): Promise<string> {
  if (!asOf.today) asOf.today = await read(commands.followupToday());
  return asOf.today;
}

/** The date to show: the one chosen, else today. */
export async function asOfDate(): Promise<string> {
  return asOf.date ?? (await today());
}
