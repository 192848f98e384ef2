// Vietnamese text in the UI: cleaning input the way the backend does, folding for quick
// filters, and ordering table columns in Vietnamese alphabet order.

/** NFC, trimmed, inner white space collapsed. */
export function clean(s: string): string {
  return s.normalize("NFC").trim().replace(/\s+/g, " ");
}

/** Lower case without diacritics, đ → d: "Võ Trọng Phú" → "vo trong phu". */
export function fold(s: string): string {
  return s
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/[đĐ]/g, "d")
    .toLowerCase()
    .trim()
    .replace(/\s+/g, " ");
}

/** True when every word of the query is found (without diacritics) in the text. */
export function matches(text: string, query: string): boolean {
  const hay = fold(text);
  return fold(query)
    .split(" ")
    .filter((w) => w.length > 0)
    .every((w) => hay.includes(w));
}

const collator = new Intl.Collator("vi", { sensitivity: "variant", numeric: true });

/** Alphabet order of a free-text column the secretary sorts by. Names of people are never
 * ordered here: the core sends them in its order (given name first, `text/collate.rs`). */
export function compareVi(a: string, b: string): number {
  return collator.compare(a, b);
}
