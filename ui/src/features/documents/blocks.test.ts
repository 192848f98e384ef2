import { describe, expect, it } from "vitest";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { Block } from "../../lib/bindings";
import { blocksToDoc, docToBlocks, type PmNode } from "./blocks";

const examples = join(__dirname, "../../../../docs/examples");

// The backend stores runs without the optional false flags; compare on the same footing.
function canonical(blocks: Block[]): unknown {
  return JSON.parse(JSON.stringify(blocks, (k, v) => (v === false ? undefined : v)));
}

describe("body blocks ↔ editor document", () => {
  const files = readdirSync(examples).filter((f) => f.endsWith(".json"));

  it("has the nine examples to check", () => {
    expect(files.length).toBe(9);
  });

  for (const file of files) {
    it(`round-trips ${file} without losing or reordering anything`, () => {
      const body = JSON.parse(readFileSync(join(examples, file), "utf8")).body as Block[];
      expect(canonical(docToBlocks(blocksToDoc(body)))).toEqual(canonical(body));
    });
  }

  it("maps what the secretary types", () => {
    const doc: PmNode = {
      type: "doc",
      content: [
        {
          type: "paragraph",
          content: [
            { type: "text", text: "Kết luận: " },
            { type: "text", text: "Sở Y tế", marks: [{ type: "bold" }] },
          ],
        },
        {
          type: "orderedList",
          content: [
            {
              type: "listItem",
              content: [
                { type: "paragraph", content: [{ type: "text", text: "Khoản một" }] },
                { type: "orderedList", content: [{ type: "listItem", content: [{ type: "paragraph", content: [{ type: "text", text: "điểm a" }] }] }] },
              ],
            },
            { type: "listItem", content: [{ type: "paragraph", content: [{ type: "text", text: "Khoản hai" }] }] },
          ],
        },
        { type: "paragraph" },
      ],
    };
    expect(docToBlocks(doc)).toEqual([
      { kind: "paragraph", runs: [{ text: "Kết luận: " }, { text: "Sở Y tế", bold: true }] },
      { kind: "clause", runs: [{ text: "Khoản một" }] },
      { kind: "point", runs: [{ text: "điểm a" }] },
      { kind: "clause", runs: [{ text: "Khoản hai" }] },
    ]);
  });

  it("keeps blocks it cannot edit as they are", () => {
    const table: Block = { kind: "table", header: ["TT", "Nội dung"], rows: [["1", "Họp"]], widths: [] };
    const chapter: Block = { kind: "heading", heading: "chapter", title: "Quy định chung" };
    const doc = blocksToDoc([chapter, table]);
    expect(doc.content?.map((n) => n.type)).toEqual(["preservedBlock", "preservedBlock"]);
    expect(docToBlocks(doc)).toEqual([chapter, table]);
  });

  it("keeps a table or heading placed inside a numbered item", () => {
    const table: Block = { kind: "table", header: ["TT", "Việc"], rows: [["1", "Báo cáo"]], widths: [] };
    const doc: PmNode = {
      type: "doc",
      content: [
        {
          type: "orderedList",
          content: [
            {
              type: "listItem",
              content: [
                { type: "paragraph", content: [{ type: "text", text: "Khoản có bảng" }] },
                { type: "preservedBlock", attrs: { block: JSON.stringify(table) } },
                { type: "heading", attrs: { level: 2 }, content: [{ type: "text", text: "Kiến nghị" }] },
              ],
            },
          ],
        },
      ],
    };
    expect(docToBlocks(doc)).toEqual([{ kind: "clause", runs: [{ text: "Khoản có bảng" }] }, table, { kind: "heading", heading: "roman", title: "Kiến nghị" }]);
  });
});
