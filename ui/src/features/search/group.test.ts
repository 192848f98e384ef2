import { describe, expect, it } from "vitest";
import type { SearchHit, SearchKindOption } from "../../lib/bindings";
import { groupHits } from "./group";

const kinds: SearchKindOption[] = [
  { kind: "document", label: "Văn bản" },
  { kind: "meeting", label: "Cuộc họp" },
  { kind: "person", label: "Cá nhân" },
];

function hit(kind: SearchHit["kind"], id: string): SearchHit {
  return { kind, id, title: id, subtitle: "", year: null, title_marks: [{ text: id, hit: false }], snippet: [] };
}

describe("groupHits", () => {
  it("puts a group where its best hit ranks and keeps each group's ranking", () => {
    const groups = groupHits([hit("person", "p1"), hit("document", "d1"), hit("person", "p2"), hit("document", "d2")], kinds);
    expect(groups.map((g) => [g.label, g.hits.map((h) => h.id)])).toEqual([
      ["Cá nhân", ["p1", "p2"]],
      ["Văn bản", ["d1", "d2"]],
    ]);
  });

  it("drops empty groups", () => {
    expect(groupHits([], kinds)).toEqual([]);
  });
});
