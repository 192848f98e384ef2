// One user action in progress (a save, a delete): whether it is running and the message of
// its last failure, for forms and buttons to show.
import { messageOf } from "./api";

export class Action {
  busy = $state(false);
  error = $state("");

  /** Runs `work`; returns true when it succeeded, otherwise keeps its message in `error`. */
  async run(work: () => Promise<unknown>): Promise<boolean> {
    this.busy = true;
    this.error = "";
    try {
      await work();
      return true;
    } catch (e) {
      this.error = messageOf(e);
      return false;
    } finally {
      this.busy = false;
    }
  }
}
