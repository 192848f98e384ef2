import { describe, expect, it } from "vitest";
import { clean, compareVi, fold, matches } from "./text";

describe("text", () => {
  it("cleans NFD input and stray spaces", () => {
    const nfd = "  Vo\u0303   Tro\u0323ng Phu\u0301 ";
    expect(clean(nfd)).toBe("Võ Trọng Phú");
    expect(clean(nfd).length).toBe(12);
  });
  it("folds diacritics and đ", () => {
    expect(fold("Võ Trọng Phú")).toBe("vo trong phu");
    expect(fold("Đạt")).toBe("dat");
    expect(matches("Sở Y tế", "so y te")).toBe(true);
    expect(matches("Sở Y tế", "so xay dung")).toBe(false);
    expect(matches("Anything", "   ")).toBe(true);
  });
  it("orders in the Vietnamese alphabet", () => {
    const words = ["Đức", "Dương", "Đạt", "Dũng", "An", "Ân", "Ăn"];
    expect([...words].sort(compareVi)).toEqual(["An", "Ăn", "Ân", "Dũng", "Dương", "Đạt", "Đức"]);
  });
});
