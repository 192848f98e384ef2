import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { cleanup, render, screen } from "@testing-library/svelte";
import { Chart } from "chart.js";
import CompletionChart from "./CompletionChart.svelte";
import { chartData, DEFAULT_PART_LABELS, PART_COLOURS, type CompletionRow } from "./completion";

const rows: CompletionRow[] = [
  { agency: "Sở Khoa học và Công nghệ", on_time: 2, late: 1, open: 0, overdue: 3 },
  { agency: "Sở Tài chính", on_time: 0, late: 0, open: 0, overdue: 0 },
  { agency: "Công an tỉnh", on_time: 1, late: 0, open: 4, overdue: 0 },
];

// jsdom has no canvas: a 2D context that records the rectangles it is asked to paint (a bar is
// a rect() then fill()), enough for Chart.js to lay out and draw (text measured at 6 px a letter).
type Fill = { style: string; w: number; h: number };
let fills: Fill[];
function fakeContext(canvas: HTMLCanvasElement) {
  const state: Record<string, unknown> = { fillStyle: "#000" };
  const ctx: Record<string, unknown> = {
    canvas,
    measureText: (t: string) => ({ width: t.length * 6, actualBoundingBoxAscent: 8, actualBoundingBoxDescent: 2 }),
    rect: (_x: number, _y: number, w: number, h: number) => (state.lastRect = { w, h }),
    beginPath: () => (state.lastRect = null),
    fill: () => {
      const r = state.lastRect as { w: number; h: number } | null;
      if (r) fills.push({ style: String(state.fillStyle), w: Math.abs(r.w), h: Math.abs(r.h) });
    },
    getImageData: () => ({ data: new Uint8ClampedArray(4) }),
    createLinearGradient: () => ({ addColorStop: () => {} }),
    getLineDash: () => [],
    isPointInPath: () => false,
  };
  return new Proxy(ctx, {
    get: (target, key: string) => (key in target ? target[key] : key in state ? state[key] : () => {}),
    set: (_t, key: string, v) => ((state[key] = v), true),
  });
}

// Nor layout: the chart's box says it is 600 × 200, and nobody watches it resize.
globalThis.ResizeObserver ??= class {
  observe() {}
  unobserve() {}
  disconnect() {}
} as unknown as typeof ResizeObserver;

beforeEach(() => {
  fills = [];
  vi.spyOn(HTMLElement.prototype, "getBoundingClientRect").mockReturnValue(new DOMRect(0, 0, 600, 200));
  vi.spyOn(HTMLCanvasElement.prototype, "getContext").mockImplementation(function (this: HTMLCanvasElement) {
    return fakeContext(this) as unknown as CanvasRenderingContext2D;
  } as never);
});
afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

describe("chartData", () => {
  it("stacks the four parts in order and leaves out agencies with no task", () => {
    const d = chartData(rows);
    expect(d.labels).toEqual(["Sở Khoa học và Công nghệ", "Công an tỉnh"]);
    expect(d.datasets.map((s) => s.part)).toEqual(["on_time", "late", "open", "overdue"]);
    expect(d.datasets.map((s) => s.data)).toEqual([
      [2, 1],
      [1, 0],
      [0, 4],
      [3, 0],
    ]);
    expect(d.datasets.map((s) => s.label)).toEqual(Object.values(DEFAULT_PART_LABELS));
  });

  it("uses the names it is given", () => {
    const labels = { on_time: "a", late: "b", open: "c", overdue: "d" };
    expect(chartData(rows, labels).datasets.map((s) => s.label)).toEqual(["a", "b", "c", "d"]);
  });
});

describe("CompletionChart", () => {
  it("draws a horizontal stacked bar per agency with Chart.js", () => {
    render(CompletionChart, { props: { rows } });
    const canvas = screen.getByTestId("completion-chart").querySelector("canvas")!;
    const chart = Chart.getChart(canvas);
    expect(chart).toBeDefined();
    expect((chart!.config as { type?: string }).type).toBe("bar");
    expect(chart!.options.indexAxis).toBe("y");
    expect(chart!.data.labels).toEqual(["Sở Khoa học và Công nghệ", "Công an tỉnh"]);
    expect(chart!.data.datasets.map((s) => s.data)).toEqual([
      [2, 1],
      [1, 0],
      [0, 4],
      [3, 0],
    ]);
    // The legend: a 12-px box in each colour, in order.
    expect(fills.filter((f) => f.w === 12 && f.h === 12).map((f) => f.style)).toEqual(Object.values(PART_COLOURS));
    // Each non-zero part is painted once in its colour as a bar taller than the legend's boxes,
    // longer for a larger figure: open 4 is twice as long as on time 2 (same scale).
    const painted = (colour: string) => fills.filter((f) => f.style.toLowerCase() === colour && f.w > 0 && f.h > 12);
    expect(painted(PART_COLOURS.overdue)).toHaveLength(1);
    expect(painted(PART_COLOURS.late)).toHaveLength(1);
    expect(painted(PART_COLOURS.open)).toHaveLength(1);
    expect(painted(PART_COLOURS.on_time)).toHaveLength(2);
    const [open] = painted(PART_COLOURS.open);
    const onTimeFirst = painted(PART_COLOURS.on_time)[0];
    expect(open.w / onTimeFirst.w).toBeCloseTo(2, 1);
  });

  it("gives the same figures in a table", () => {
    render(CompletionChart, { props: { rows } });
    const cells = Array.from(screen.getByTestId("completion-table").querySelectorAll("tbody tr")).map((tr) =>
      Array.from(tr.querySelectorAll("td")).map((td) => td.textContent),
    );
    expect(cells).toEqual([
      ["Sở Khoa học và Công nghệ", "2", "1", "0", "3"],
      ["Công an tỉnh", "1", "0", "4", "0"],
    ]);
  });

  it("says so when there is nothing to count, and draws no canvas", () => {
    render(CompletionChart, { props: { rows: [rows[1]] } });
    expect(screen.getByText("Chưa có nhiệm vụ nào để thống kê.")).toBeTruthy();
    expect(screen.getByTestId("completion-chart").querySelector("canvas")).toBeNull();
  });
});

describe("Chart.js under the window's CSP", () => {
  // script-src 'self' forbids eval and new Function; the library must not need them.
  it("has no eval, no new Function, and injects no style sheet", async () => {
    const { readdirSync, readFileSync } = await import("node:fs");
    const { join } = await import("node:path");
    const dist = join(__dirname, "../../../node_modules/chart.js/dist");
    const files = [
      join(dist, "chart.js"),
      ...readdirSync(join(dist, "chunks"))
        .filter((f) => f.endsWith(".js"))
        .map((f) => join(dist, "chunks", f)),
    ];
    const code = files.map((f) => readFileSync(f, "utf8")).join("\n");
    expect(code.length).toBeGreaterThan(100_000);
    expect(code).not.toMatch(/\beval\s*\(/);
    expect(code).not.toMatch(/new\s+Function\s*\(/);
    expect(code).not.toMatch(/createElement\(\s*["']style["']\s*\)/);
  });
});
