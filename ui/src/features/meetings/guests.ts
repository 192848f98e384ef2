// Several guests typed at once in the invite dialog: one a line, "Họ và tên, chức vụ, cơ quan".
// The name is everything before the first comma, the post the next part, the agency the rest
// (an agency's name may itself contain commas).
import { clean } from "../../lib/text";

export type GuestLine = { name: string; post: string; agency_name: string };

export function parseGuests(text: string): GuestLine[] {
  return text
    .split(/\r?\n/)
    .map((line) => line.split(",").map((p) => clean(p)))
    .filter((parts) => parts[0] !== "")
    .map(([name, post = "", ...rest]) => ({ name, post, agency_name: rest.filter(Boolean).join(", ") }));
}
