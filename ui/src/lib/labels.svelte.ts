// Every option list of the window and its Vietnamese labels come from the core (the `labels`
// command, built from the Rust enums' own labels): asked once at start-up, kept here, and read
// by the screens. The UI keeps no list of its own.
import { commands, read } from "./api";
import type { Labels } from "./bindings";

const EMPTY: Labels = {
  document_types: [],
  urgencies: [],
  authorities: [],
  incoming_urgencies: [],
  incoming_type_names: [],
  agency_kinds: [],
  honorifics: [],
  roles: [],
  meeting_kinds: [],
  meeting_forms: [],
  attendances: [],
  task_statuses: [],
  task_status_filters: [],
  task_source_kinds: [],
  priorities: [],
  retentions: [],
};

let loaded = $state<Labels | null>(null);

/** Asks the core once; `App.svelte` awaits it before it shows a screen. */
export async function loadLabels(): Promise<Labels> {
  loaded ??= await read(commands.labels());
  return loaded;
}

/** Sets the labels without asking the core (component tests). */
export function useLabels(l: Labels) {
  loaded = l;
}

/** The option lists (empty until loaded). */
export function labels(): Labels {
  return loaded ?? EMPTY;
}

/** The label of a value among its choices; the value itself when it is not one of them. */
export function labelOf<T>(choices: { value: T; label: string }[], value: T): string {
  return choices.find((c) => c.value === value)?.label ?? String(value ?? "");
}
