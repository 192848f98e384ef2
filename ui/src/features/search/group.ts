// Search results grouped by kind. A group comes where its best hit ranks (the backend ranks
// names and titles first), and keeps the ranking of its hits; labels come from the backend.
import type { SearchHit, SearchKind, SearchKindOption } from "../../lib/bindings";

export type HitGroup = { kind: SearchKind; label: string; hits: SearchHit[] };

export function groupHits(hits: SearchHit[], kinds: SearchKindOption[]): HitGroup[] {
  const labels = new Map(kinds.map((k) => [k.kind, k.label]));
  const groups = new Map<SearchKind, HitGroup>();
  for (const h of hits) {
    let g = groups.get(h.kind);
    if (!g) {
      g = { kind: h.kind, label: labels.get(h.kind) ?? "", hits: [] };
      groups.set(h.kind, g);
    }
    g.hits.push(h);
  }
  return [...groups.values()];
}
