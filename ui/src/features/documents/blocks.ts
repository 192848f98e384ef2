// The body editor works on TipTap (ProseMirror) JSON; the document model works on Block[].
// These two functions translate between them so that editing never loses a block: what the
// editor cannot edit (tables, Phần/Chương/Mục headings, points outside a clause) is kept as
// an atomic "preserved" node carrying the block itself.
//
// Mapping: paragraph ↔ Paragraph; ordered list item ↔ Clause (1., 2., …); an ordered list
// inside a clause ↔ Point (a), b), …); bullet list item ↔ Dash; heading level 2 ↔ Roman
// heading ("I. …"); heading level 3 ↔ Article ("Điều 1. …").
import type { Block, Run } from "../../lib/bindings";

export type PmMark = { type: "bold" | "italic" | "underline" };
export type PmNode = {
  type: string;
  attrs?: Record<string, unknown>;
  content?: PmNode[];
  text?: string;
  marks?: PmMark[];
};

function runsToNodes(runs: Run[]): PmNode[] {
  return runs
    .filter((r) => r.text.length > 0)
    .map((r) => {
      const marks: PmMark[] = [];
      if (r.bold) marks.push({ type: "bold" });
      if (r.italic) marks.push({ type: "italic" });
      if (r.underline) marks.push({ type: "underline" });
      return marks.length ? { type: "text", text: r.text, marks } : { type: "text", text: r.text };
    });
}

function nodesToRuns(nodes: PmNode[] | undefined): Run[] {
  const runs: Run[] = [];
  for (const n of nodes ?? []) {
    if (n.type === "hardBreak") {
      runs.push({ text: " " });
      continue;
    }
    if (n.type !== "text" || !n.text) continue;
    const has = (t: PmMark["type"]) => (n.marks ?? []).some((m) => m.type === t);
    const run: Run = { text: n.text };
    if (has("bold")) run.bold = true;
    if (has("italic")) run.italic = true;
    if (has("underline")) run.underline = true;
    const last = runs[runs.length - 1];
    if (last && !!last.bold === !!run.bold && !!last.italic === !!run.italic && !!last.underline === !!run.underline) {
      last.text += run.text;
    } else {
      runs.push(run);
    }
  }
  return runs;
}

const plain = (nodes: PmNode[] | undefined) =>
  nodesToRuns(nodes)
    .map((r) => r.text)
    .join("");
const paragraph = (runs: Run[]): PmNode => ({ type: "paragraph", content: runsToNodes(runs) });
const preserved = (block: Block): PmNode => ({ type: "preservedBlock", attrs: { block: JSON.stringify(block) } });
const item = (runs: Run[]): PmNode => ({ type: "listItem", content: [paragraph(runs)] });

export function blocksToDoc(blocks: Block[]): PmNode {
  const content: PmNode[] = [];
  let clauseList: PmNode | null = null; // the ordered list holding the current clauses
  const lastClause = () => clauseList?.content?.[clauseList.content.length - 1] ?? null;
  const closeLists = () => (clauseList = null);
  for (const b of blocks) {
    switch (b.kind) {
      case "paragraph":
        closeLists();
        content.push(paragraph(b.runs));
        break;
      case "clause":
        if (!clauseList) {
          clauseList = { type: "orderedList", attrs: { start: 1 }, content: [] };
          content.push(clauseList);
        }
        clauseList.content!.push(item(b.runs));
        break;
      case "point":
      case "dash": {
        const parent = lastClause();
        const listType = b.kind === "point" ? "orderedList" : "bulletList";
        if (parent) {
          // Inside the clause: continue its last nested list of the same kind, or start one.
          const nested = parent.content![parent.content!.length - 1];
          if (nested.type === listType) nested.content!.push(item(b.runs));
          else parent.content!.push({ type: listType, ...(b.kind === "point" ? { attrs: { start: 1 } } : {}), content: [item(b.runs)] });
        } else if (b.kind === "dash") {
          const last = content[content.length - 1];
          if (last?.type === "bulletList") last.content!.push(item(b.runs));
          else content.push({ type: "bulletList", content: [item(b.runs)] });
        } else {
          content.push(preserved(b));
        }
        break;
      }
      case "heading":
        closeLists();
        if (b.heading === "roman") content.push({ type: "heading", attrs: { level: 2 }, content: runsToNodes([{ text: b.title ?? "" }]) });
        else if (b.heading === "article") content.push({ type: "heading", attrs: { level: 3 }, content: runsToNodes([{ text: b.title ?? "" }]) });
        else content.push(preserved(b));
        break;
      default:
        closeLists();
        content.push(preserved(b));
    }
  }
  if (content.length === 0) content.push({ type: "paragraph" });
  return { type: "doc", content };
}

function listItemBlocks(node: PmNode, kind: "clause" | "point" | "dash", out: Block[]) {
  const [first, ...rest] = node.content ?? [];
  const runs = first?.type === "paragraph" ? nodesToRuns(first.content) : [];
  out.push({ kind, runs });
  for (const child of first?.type === "paragraph" ? rest : (node.content ?? [])) {
    if (child.type === "orderedList") for (const li of child.content ?? []) listItemBlocks(li, "point", out);
    else if (child.type === "bulletList") for (const li of child.content ?? []) listItemBlocks(li, "dash", out);
    else out.push(...docToBlocks({ type: "doc", content: [child] })); // paragraphs, headings, tables…
  }
}

export function docToBlocks(doc: PmNode): Block[] {
  const out: Block[] = [];
  for (const node of doc.content ?? []) {
    switch (node.type) {
      case "paragraph": {
        const runs = nodesToRuns(node.content);
        if (runs.some((r) => r.text.trim() !== "")) out.push({ kind: "paragraph", runs });
        break;
      }
      case "heading":
        out.push({ kind: "heading", heading: node.attrs?.level === 3 ? "article" : "roman", title: plain(node.content) });
        break;
      case "orderedList":
        for (const li of node.content ?? []) listItemBlocks(li, "clause", out);
        break;
      case "bulletList":
        for (const li of node.content ?? []) listItemBlocks(li, "dash", out);
        break;
      case "preservedBlock":
        try {
          out.push(JSON.parse(String(node.attrs?.block)) as Block);
        } catch {
          /* a damaged preserved node carries nothing to keep */
        }
        break;
    }
  }
  return out;
}

/** A short description of a block the editor keeps but cannot edit. */
export function preservedLabel(block: Block): string {
  switch (block.kind) {
    case "table":
      return `Bảng: ${block.header.length} cột, ${block.rows.length} dòng — ${block.header.filter(Boolean).join(" | ")} (nhấp đúp để sửa)`;
    case "heading":
      return `${block.heading === "part" ? "Phần" : block.heading === "chapter" ? "Chương" : "Mục"}: ${block.title}`;
    case "point":
      return `Điểm: ${block.runs.map((r) => r.text).join("")}`;
    default:
      return "Khối nội dung giữ nguyên";
  }
}
