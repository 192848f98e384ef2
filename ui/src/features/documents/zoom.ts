// Zoom of the document preview: fit to the panel's width, or a fixed share of the paper's
// real size (100 % = an A4 page 21 cm wide on a 96-dpi screen).

export type Zoom = "fit" | number;

/** The fixed steps Ctrl + and Ctrl − go through. */
export const STEPS = [0.75, 1, 1.25, 1.5, 2];

/** CSS pixels per PDF point (1/72 inch) at 100 %. */
export const PX_PER_PT = 96 / 72;

/** The next step up or down from the current zoom (`fit` counts as the step at or below its real scale). */
export function stepZoom(current: Zoom, fitScale: number, direction: 1 | -1): number {
  const scale = current === "fit" ? fitScale : current;
  if (direction > 0) return STEPS.find((s) => s > scale + 0.001) ?? STEPS[STEPS.length - 1];
  return [...STEPS].reverse().find((s) => s < scale - 0.001) ?? STEPS[0];
}

/** Width in CSS pixels of a page `widthPt` points wide, at `zoom` in a panel `panelPx` wide. */
export function pageWidth(zoom: Zoom, widthPt: number, panelPx: number): number {
  if (zoom === "fit") return Math.max(100, panelPx);
  return Math.round(widthPt * PX_PER_PT * zoom);
}

/** "Vừa khung", "100 %", "150 %". */
export function zoomLabel(zoom: Zoom): string {
  return zoom === "fit" ? "Vừa khung" : `${Math.round(zoom * 100)} %`;
}
