// The meeting's name as the documents will print it, shown while typing. Mirrors
// `meetings::phrases::split_form` in the backend, which decides what is stored.
import type { MeetingForm } from "../../lib/bindings";
import { labelOf, labels } from "../../lib/labels.svelte";

// Lower-case form words a subject may start with (with their diacritics: "Hợp tác" is not "họp").
const FORM_WORDS: [string[], MeetingForm | null][] = [
  [["phiên", "họp"], "session"],
  [["hội", "nghị"], "conference"],
  [["buổi", "làm", "việc"], "working_session"],
  [["cuộc", "họp"], "meeting"],
  [["họp"], null],
];

/** Takes form words off the front of the subject; a form typed there wins over the chosen one. */
export function splitForm(chosen: MeetingForm, subject: string): { form: MeetingForm; subject: string } {
  const words = subject
    .normalize("NFC")
    .split(/\s+/)
    .filter((w) => w !== "");
  let specific: MeetingForm | null = null;
  let meeting = false;
  for (let again = true; again;) {
    again = false;
    for (const [pattern, form] of FORM_WORDS) {
      if (words.length >= pattern.length && pattern.every((p, i) => words[i].toLowerCase() === p)) {
        words.splice(0, pattern.length);
        if (form === "meeting") meeting = true;
        else if (form) specific ??= form;
        again = true;
        break;
      }
    }
  }
  return { form: specific ?? (meeting ? "meeting" : chosen), subject: words.join(" ") };
}

/** "Phiên họp Ban Chỉ đạo …": how lists and the documents' headings name the meeting. */
export function meetingTitle(chosen: MeetingForm, subject: string): string {
  const { form, subject: rest } = splitForm(chosen, subject);
  const label = labelOf(labels().meeting_forms, form);
  return rest ? `${label} ${rest}` : "";
}
