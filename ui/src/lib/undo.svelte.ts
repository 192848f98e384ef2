// "Hoàn tác" for a few seconds after an act that can be taken back (ending a seat, deleting a
// draft, removing an invitee). One offer at a time: a newer act replaces the older offer.

export type UndoOffer = {
  /** What was done, in the secretary's words: "Đã xóa dự thảo.". */
  message: string;
  /** Takes the act back. */
  undo: () => Promise<unknown>;
  /**
   * For an act held back until the offer ends (a deletion): runs when the offer goes away
   * without "Hoàn tác" (time out, closed, or replaced by a newer offer). The undo then only
   * has to show the thing again.
   */
  commit?: () => Promise<unknown>;
  /** A follow-up offered with it, e.g. "Cử người thay". */
  next?: { label: string; run: () => void };
};

export const UNDO_SECONDS = 8;

class UndoState {
  offer = $state<UndoOffer | null>(null);
  error = $state("");
  busy = $state(false);
  private timer: ReturnType<typeof setTimeout> | undefined;

  /** Shows the offer for `UNDO_SECONDS`. */
  show(offer: UndoOffer, seconds = UNDO_SECONDS) {
    this.settle();
    this.offer = offer;
    this.error = "";
    this.timer = setTimeout(() => this.dismiss(), seconds * 1000);
  }

  /** The offer ends without undo: a held-back act is carried out now. */
  dismiss() {
    this.settle();
  }

  private settle() {
    clearTimeout(this.timer);
    const commit = this.offer?.commit;
    this.offer = null;
    this.error = "";
    if (commit) void commit().catch((e) => console.error(e));
  }

  /** Runs the undo; on failure the offer stays with the message. */
  async take(): Promise<boolean> {
    const offer = this.offer;
    if (!offer || this.busy) return false;
    this.busy = true;
    clearTimeout(this.timer);
    try {
      await offer.undo();
      this.offer = null;
      this.error = "";
      return true;
    } catch (e) {
      this.error = e instanceof Error ? e.message : String((e as { message?: string })?.message ?? e);
      return false;
    } finally {
      this.busy = false;
    }
  }
}

export const undoState = new UndoState();

export function offerUndo(offer: UndoOffer, seconds?: number) {
  undoState.show(offer, seconds);
}

import { SvelteSet } from "svelte/reactivity";

/** Ids of records whose deletion is held back by an undo offer: lists leave them out. */
export const heldBack = new SvelteSet<string>();

/**
 * Deletes a record after the undo offer ends; until then it is only hidden from lists.
 * "Hoàn tác" shows it again. `onback` runs after the record is hidden (e.g. back to the list).
 */
export function deleteWithUndo(id: string, message: string, remove: () => Promise<unknown>, onrestored?: () => void) {
  heldBack.add(id);
  offerUndo({
    message,
    undo: async () => {
      heldBack.delete(id);
      onrestored?.();
    },
    commit: async () => {
      try {
        await remove();
      } finally {
        heldBack.delete(id);
      }
    },
  });
}
