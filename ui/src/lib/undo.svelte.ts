// "Hoàn tác" for a few seconds after an act that can be taken back (ending a seat, deleting a
// draft, removing an invitee). One offer at a time: a newer act replaces the older offer.

export type UndoOffer = {
  /** What was done, in the secretary's words: "Đã xóa dự thảo.". */
  message: string;
  /** Takes the act back. */
  undo: () => Promise<unknown>;
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
    clearTimeout(this.timer);
    this.offer = offer;
    this.error = "";
    this.timer = setTimeout(() => this.dismiss(), seconds * 1000);
  }

  dismiss() {
    clearTimeout(this.timer);
    this.offer = null;
    this.error = "";
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
