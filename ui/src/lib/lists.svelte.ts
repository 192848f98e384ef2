// The reference lists many screens and dialogs show (agencies, people, bodies), as shared
// resources: loaded once, refreshed when a write names them ("agencies", "people", "bodies").
import { commands, read } from "./api";
import { resource } from "./resource.svelte";

export const agencyList = () =>
  resource(
    () => ["agencies"],
    () => read(commands.agencyList()),
  );
export const personList = () =>
  resource(
    () => ["people"],
    () => read(commands.personList()),
  );
export const bodyList = () =>
  resource(
    () => ["bodies"],
    () => read(commands.bodyList()),
  );

/** Everything a change to the roster (an agency, a person, a seat) can show up in. */
export const ROSTER_DATA = ["agencies", "people", "bodies", "roster", "body-history", "person-history", "meeting", "tasks"];
