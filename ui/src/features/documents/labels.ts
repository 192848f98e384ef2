// Helpers of the document screens. The option lists (types, urgencies, authorities) come
// from the core: see lib/labels.svelte.ts.
import type { IssuingAuthority } from "../../lib/bindings";

/** Text areas edit lists one item per line. */
export const toLines = (items: string[] | undefined) => (items ?? []).join("\n");
export const fromLines = (text: string) =>
  text
    .split("\n")
    .map((s) => s.trim())
    .filter((s) => s.length > 0);

/** "VT, TCT": the Lưu line of an issuing body's documents (as the backend composes it). */
export const archiveOf = (a: IssuingAuthority) => `VT, ${a.unit_symbol || a.symbol}`;
