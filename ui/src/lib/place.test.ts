import { describe, expect, it } from "vitest";
import { forgetPlaces, remembered } from "./place.svelte";

describe("remembered list state", () => {
  it("gives back the same filter and sort when the list is shown again", () => {
    forgetPlaces();
    const first = remembered("documents", () => ({ year: "" as number | "", sort: "date" }));
    first.year = 2019;
    first.sort = "subject";
    const again = remembered("documents", () => ({ year: "" as number | "", sort: "date" }));
    expect(again.year).toBe(2019);
    expect(again.sort).toBe("subject");
  });

  it("keeps each list's state apart", () => {
    forgetPlaces();
    remembered("meetings", () => ({ query: "" })).query = "quý";
    expect(remembered("people", () => ({ query: "" })).query).toBe("");
  });
});
