// The one way a screen runs a call and shows its failure: an `Action` (a save, a delete, a
// load started by hand) knows whether it is running, and keeps the {code, message} of its
// last failure (the backend's Vietnamese message) for the form or button beside it to show.
// Loads of what a screen displays go through `resource` (resource.svelte.ts), which keeps
// its own error the same way.
import { ApiError, messageOf } from "./api";
import type { ErrorCode } from "./bindings";

export class Action {
  busy = $state(false);
  /** The message to show, or "". */
  error = $state("");
  /** The backend's code of the last failure (null for a failure of the UI itself). */
  code = $state<ErrorCode | null>(null);

  /** Runs `work`; returns true when it succeeded, otherwise keeps its message in `error`. */
  async run(work: () => Promise<unknown>): Promise<boolean> {
    this.busy = true;
    this.clear();
    try {
      await work();
      return true;
    } catch (e) {
      this.error = messageOf(e);
      this.code = e instanceof ApiError ? e.code : null;
      return false;
    } finally {
      this.busy = false;
    }
  }

  /** Shows a message found before calling the backend (a field typed wrong). */
  fail(message: string): void {
    this.error = message;
    this.code = "validation";
  }

  clear(): void {
    this.error = "";
    this.code = null;
  }
}
