import { describe, expect, it } from "vitest";
import { parseGuests } from "./guests";

describe("guest lines", () => {
  it("reads one guest a line: name, post, agency", () => {
    expect(parseGuests("Nguyễn Văn An, Phó Giám đốc, Viễn thông Nghệ An\n\n  Trần  Thị Bình  \nLê Văn Cường, Chuyên viên, Công ty A, chi nhánh Vinh")).toEqual([
      { name: "Nguyễn Văn An", post: "Phó Giám đốc", agency_name: "Viễn thông Nghệ An" },
      { name: "Trần Thị Bình", post: "", agency_name: "" },
      { name: "Lê Văn Cường", post: "Chuyên viên", agency_name: "Công ty A, chi nhánh Vinh" },
    ]);
  });

  it("skips blank lines and lines without a name", () => {
    expect(parseGuests("\n , Chuyên viên\n")).toEqual([]);
  });
});
