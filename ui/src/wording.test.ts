// What the secretary reads: no developer words, and spaces where Vietnamese typography wants them.
// Every .svelte file is scanned. Script and style blocks and HTML comments are code, not text,
// and are skipped; in the markup, an expression {…} counts by its string literals.
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";

const root = join(__dirname);

function svelteFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return svelteFiles(path);
    return name.endsWith(".svelte") ? [path] : [];
  });
}

/** The string literals of a piece of code ("…", '…', `…` with ${…} left out). */
function literals(code: string): string[] {
  const out: string[] = [];
  const re = /"((?:[^"\\]|\\.)*)"|'((?:[^'\\]|\\.)*)'|`((?:[^`\\]|\\.)*)`/g;
  for (const m of code.matchAll(re)) out.push((m[1] ?? m[2] ?? m[3]).replace(/\$\{[^}]*\}/g, "…"));
  return out;
}

/** Replaces each {…} expression (braces may nest) by a placeholder, collecting its string literals. */
function takeExpressions(markup: string, found: string[]): string {
  let out = "";
  let i = 0;
  while (i < markup.length) {
    if (markup[i] !== "{") {
      out += markup[i++];
      continue;
    }
    let depth = 0;
    let j = i;
    for (; j < markup.length; j++) {
      const c = markup[j];
      if (c === "{") depth++;
      else if (c === "}" && --depth === 0) break;
      else if (c === '"' || c === "'" || c === "`") {
        const end = markup.indexOf(c, j + 1);
        if (end > 0) j = end;
      }
    }
    const inner = markup.slice(i + 1, j);
    found.push(...literals(inner));
    // Blocks ({#if}, {:else}, {/if}…) show nothing themselves; Svelte drops the whitespace
    // just inside them, which is how "…2024 · Phòng" became "…2024· Phòng".
    // {" · "}: a constant string is shown as it is (the way to keep a space at a block's edge).
    const constant = /^\s*"([^"\\]*)"\s*$/.exec(inner);
    out += constant ? constant[1].replace(/ /g, "␣") : /^[#:/]/.test(inner) ? "⟨b⟩" : "⟨x⟩";
    i = j + 1;
  }
  return out;
}

const HUMAN_ATTRIBUTES = /\s(?:title|aria-label|placeholder|alt|label|hint|submitLabel)="([^"]*)"/g;

/**
 * What a component shows: its text lines (an expression is ⟨x⟩), its human attributes, and the
 * string literals of its markup expressions that read as words. No script, style or comment.
 */
export function visibleTexts(source: string): string[] {
  const markup = source
    .replace(/<script[\s\S]*?<\/script>/g, "")
    .replace(/<style[\s\S]*?<\/style>/g, "")
    .replace(/<!--[\s\S]*?-->/g, "");
  const fromExpressions: string[] = [];
  const flat = takeExpressions(markup, fromExpressions);
  const attributes = [...flat.matchAll(HUMAN_ATTRIBUTES)].map((m) => m[1]);
  const lines = flat
    // Svelte trims whitespace just inside a block and just inside an element.
    .replace(/⟨b⟩\s+/g, "⟨b⟩")
    .replace(/\s+⟨b⟩/g, "⟨b⟩")
    .replace(/⟨b⟩/g, "")
    .replace(/␣/g, " ")
    .replace(/(<[a-zA-Z][^>]*>)\s+/g, "$1")
    .replace(/\s+(<\/[a-zA-Z][^>]*>)/g, "$1")
    // Inline elements run on with the text around them; others break it.
    .replace(/<\/?(?:span|strong|em|b|i|code|kbd|abbr|small)\b[^>]*>/g, "")
    .replace(/<[^>]*>/g, "\n")
    .split("\n")
    .map((l) => l.trim())
    .filter((l) => l.length > 0);
  const words = fromExpressions.filter((l) => /\p{L}/u.test(l) && /\s/.test(l));
  return [...lines, ...attributes, ...words];
}

const DEVELOPER_WORDS = [/SQLite/i, /--data-dir/, /SECRETARIAT_/, /lược đồ/i, /\bJSON\b/, /\bschema\b/i, /\bdatabase\b/i];
const SPACING: [RegExp, string][] = [
  [/[\p{L}⟩]\(/u, "a word directly before “(”"],
  [/·\S/u, "no space after “·”"],
  [/\S·/u, "no space before “·”"],
  [/\S {2,}\S/u, "a double space"],
];

const files = svelteFiles(root).filter((f) => !f.includes(`${join("components", "testing")}`));

/** The UI's TypeScript modules (labels, messages built in code); not tests, not the generated bindings. */
function tsFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return tsFiles(path);
    return name.endsWith(".ts") && !name.endsWith(".test.ts") && !name.endsWith(".d.ts") && name !== "bindings.ts" ? [path] : [];
  });
}
const modules = tsFiles(root).filter((f) => !f.includes(`${join("components", "testing")}`));

/** String literals of a module that read as words (letters and a space), comments left out. */
function moduleTexts(source: string): string[] {
  const code = source.replace(/\/\*[\s\S]*?\*\//g, "").replace(/(^|[^:])\/\/.*$/gm, "$1");
  return literals(code).filter((l) => /\p{L}/u.test(l) && /\s/.test(l));
}

describe("wording of every screen", () => {
  it("finds the components", () => {
    expect(files.length).toBeGreaterThan(30);
  });

  it("has no developer words in visible text", () => {
    const found: string[] = [];
    for (const file of files) {
      for (const line of visibleTexts(readFileSync(file, "utf8"))) {
        for (const w of DEVELOPER_WORDS) if (w.test(line)) found.push(`${relative(root, file)}: ${w} in “${line}”`);
      }
    }
    expect(found).toEqual([]);
  });

  it("puts spaces where they belong", () => {
    const found: string[] = [];
    for (const file of files) {
      for (const line of visibleTexts(readFileSync(file, "utf8"))) {
        for (const [re, what] of SPACING) if (re.test(line)) found.push(`${relative(root, file)}: ${what} in “${line}”`);
      }
    }
    expect(found).toEqual([]);
  });

  it("has no developer words nor spacing faults in messages built in code", () => {
    expect(modules.length).toBeGreaterThan(10);
    const found: string[] = [];
    for (const file of modules) {
      for (const line of moduleTexts(readFileSync(file, "utf8"))) {
        for (const w of DEVELOPER_WORDS) if (w.test(line)) found.push(`${relative(root, file)}: ${w} in “${line}”`);
        for (const [re, what] of SPACING) if (re.test(line)) found.push(`${relative(root, file)}: ${what} in “${line}”`);
      }
    }
    expect(found).toEqual([]);
  });

  it("labels every button that shows only a sign (↑, ↓, ‹, ›, +, −, ×)", () => {
    const found: string[] = [];
    for (const file of files) {
      const source = readFileSync(file, "utf8").replace(/<script[\s\S]*?<\/script>/g, "");
      for (const m of source.matchAll(/<button\b([^>]*)>\s*([^<{]*?)\s*<\/button\s*>/g)) {
        const [, attrs, text] = m;
        if (text !== "" && !/\p{L}|\d/u.test(text) && !/\b(?:title|aria-label)=/.test(attrs)) {
          found.push(`${relative(root, file)}: “${text}” has no title or aria-label`);
        }
      }
    }
    expect(found).toEqual([]);
  });

  it("catches what it is meant to catch", () => {
    expect(moduleTexts(`const a = "Tệp SQLite"; // "the JSON here"\n/* "lược đồ cũ" */ const b = "x";`)).toEqual(["Tệp SQLite"]);
    const bad = `<script>const x = "SQLite";</script><p>Tệp SQLite</p><span>05/09/2024· Phòng</span><i>Dự thảo(đã sửa tay)</i><em>{s}{#if e} <span>(x)</span>{/if}</em><b>{ok ? "a  b" : ""}</b>`;
    const texts = visibleTexts(bad);
    expect(texts.filter((t) => /SQLite/.test(t)).length).toBe(1);
    expect(SPACING.filter(([re]) => texts.some((t) => re.test(t))).map(([, what]) => what)).toEqual([
      "a word directly before “(”",
      "no space before “·”",
      "a double space",
    ]);
  });
});
