import { describe, expect, it } from "vitest";
import { fireEvent, render, screen } from "@testing-library/svelte";
import DateField from "./DateField.svelte";

describe("DateField", () => {
  it("shows the ISO value as dd/mm/yyyy", () => {
    render(DateField, { props: { label: "Từ ngày", value: "2024-05-15" } });
    const input = screen.getByLabelText("Từ ngày") as HTMLInputElement;
    expect(input.value).toBe("15/05/2024");
  });

  it("reports what is typed, and explains a wrong date in Vietnamese", async () => {
    let seen: string | null = "unset";
    render(DateField, { props: { label: "Từ ngày", value: null, onchange: (iso: string | null) => (seen = iso) } });
    const input = screen.getByLabelText("Từ ngày") as HTMLInputElement;
    await fireEvent.input(input, { target: { value: "5/9/2024" } });
    expect(seen).toBe("2024-09-05");
    await fireEvent.input(input, { target: { value: "31/02/2024" } });
    await fireEvent.blur(input);
    expect(seen).toBeNull();
    expect(screen.getByText("Ngày không hợp lệ; hãy nhập theo dạng dd/mm/yyyy.")).toBeTruthy();
  });

  it("asks for a required date once the user has left the field", async () => {
    render(DateField, { props: { label: "Thôi từ ngày", value: null, required: true } });
    const input = screen.getByLabelText(/Thôi từ ngày/);
    expect(screen.queryByText("Vui lòng nhập ngày (dd/mm/yyyy).")).toBeNull();
    await fireEvent.blur(input);
    expect(screen.getByText("Vui lòng nhập ngày (dd/mm/yyyy).")).toBeTruthy();
  });
});
