import { describe, expect, it } from "vitest";
import { pageWidth, stepZoom, zoomLabel } from "./zoom";

describe("preview zoom", () => {
  it("steps up and down through fixed sizes", () => {
    expect(stepZoom(1, 1, 1)).toBe(1.25);
    expect(stepZoom(1.5, 1, 1)).toBe(2);
    expect(stepZoom(2, 1, 1)).toBe(2);
    expect(stepZoom(1, 1, -1)).toBe(0.75);
    expect(stepZoom(0.75, 1, -1)).toBe(0.75);
  });

  it("starts from the fitted size", () => {
    // A panel showing the page at 80 % of its real size: Ctrl + gives 100 %, Ctrl − 75 %.
    expect(stepZoom("fit", 0.8, 1)).toBe(1);
    expect(stepZoom("fit", 0.8, -1)).toBe(0.75);
  });

  it("sizes an A4 page", () => {
    // A4 is 595.3 pt wide: 794 px at 100 %, 1191 px at 150 %.
    expect(pageWidth(1, 595.3, 500)).toBe(794);
    expect(pageWidth(1.5, 595.3, 500)).toBe(1191);
    expect(pageWidth("fit", 595.3, 500)).toBe(500);
  });

  it("says the zoom in words", () => {
    expect(zoomLabel("fit")).toBe("Vừa khung");
    expect(zoomLabel(1.5)).toBe("150 %");
  });
});
