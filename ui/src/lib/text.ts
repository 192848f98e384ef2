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

export function compareVi(a: string, b: string): number {
  return collator.compare(a, b);
}

/** Vietnamese name order: given name (last word) first, then the rest. */
export function comparePersonNames(a: string, b: string): number {
  const split = (n: string): [string, string] => {
    const t = n.trim();
    const i = t.lastIndexOf(" ");
    return i < 0 ? [t, ""] : [t.slice(i + 1), t.slice(0, i)];
  };
  const [ga, ra] = split(a);
  const [gb, rb] = split(b);
  return compareVi(ga, gb) || compareVi(ra, rb) || compareVi(a, b);
}
