// The UI's data layer: what a screen shows is a *resource* named by a key, e.g.
// `["meeting", id]` or `["documents", year, filter]`, loaded once into a cache shared by every
// screen, with its loading and error state. A write names what it changed (`write(call,
// ["meeting", id], "documents")`, see api.ts); every resource under those keys or tags is
// marked stale, and those on screen load again, so other screens show the change too.
//
//   const detail = resource(() => ["meeting", id], () => read(commands.meetingDetail(id)));
//   {#if detail.data} … {:else if detail.error} … {/if}
import { untrack } from "svelte";
import { messageOf } from "./api";

/** A resource's name: its first element is its kind (also a tag), the rest its parameters. */
export type Key = readonly (string | number | boolean | null | undefined)[];
/** What a write changed: a key prefix (`["meeting", id]`), or a tag (`"documents"`). */
export type Target = Key | string;

const textOf = (key: Key) => JSON.stringify(key);

/** One key's value in the cache: the last data loaded, the last error, whether it is loading. */
class Entry<T> {
  data = $state<T | undefined>(undefined);
  error = $state("");
  loading = $state(false);
  /** Has data or an error (a first load finished). */
  settled = $state(false);
  /** Must load again before it is shown next (invalidated, or never loaded). */
  stale = true;
  /** Resources on screen showing this entry. */
  users = 0;
  /** The current load: a response to an older one (superseded) is dropped. */
  #seq = 0;
  #pending: Promise<void> = Promise.resolve();

  constructor(
    readonly key: Key,
    readonly tags: ReadonlySet<string>,
    public fetcher: () => Promise<T>,
  ) {}

  load(): Promise<void> {
    const mine = ++this.#seq;
    this.stale = false;
    this.loading = true;
    this.#pending = this.fetcher().then(
      (value) => {
        if (mine !== this.#seq) return;
        this.data = value;
        this.error = "";
        this.settled = true;
        this.loading = false;
      },
      (e: unknown) => {
        if (mine !== this.#seq) return;
        this.error = messageOf(e);
        this.settled = true;
        this.loading = false;
      },
    );
    return this.#pending;
  }

  /** A value a write returned (the record as saved): shown at once; a load still running is dropped. */
  set(value: T): void {
    this.#seq++;
    this.#pending = Promise.resolve();
    this.stale = false;
    this.data = value;
    this.error = "";
    this.settled = true;
    this.loading = false;
  }

  /** Resolves when the newest load has finished (at once when none is running). */
  async whenSettled(): Promise<void> {
    let seen: Promise<void>;
    do {
      seen = this.#pending;
      await seen;
    } while (seen !== this.#pending);
  }

  matches(target: Target): boolean {
    if (typeof target === "string") return this.tags.has(target);
    return target.length <= this.key.length && target.every((part, i) => part === this.key[i]);
  }
}

export class ResourceCache {
  // Not reactive on purpose: each entry's fields are $state; the map is only looked up.
  // eslint-disable-next-line svelte/prefer-svelte-reactivity
  #entries = new Map<string, Entry<unknown>>();

  /** The entry for `key` (created on first use); the newest fetcher replaces an older one. */
  entry<T>(key: Key, fetcher: () => Promise<T>, tags: readonly string[] = []): Entry<T> {
    const text = textOf(key);
    let e = this.#entries.get(text) as Entry<T> | undefined;
    if (!e) {
      // eslint-disable-next-line svelte/prefer-svelte-reactivity -- fixed at creation
      e = new Entry<T>(key, new Set([String(key[0]), ...tags]), fetcher);
      this.#entries.set(text, e as Entry<unknown>);
    } else {
      e.fetcher = fetcher;
    }
    return e;
  }

  /**
   * Marks every entry under these keys or tags stale; those on screen load again (the
   * promise resolves when they have), the others load when next shown.
   */
  async invalidate(...targets: Target[]): Promise<void> {
    const reloads: Promise<void>[] = [];
    for (const [text, e] of this.#entries) {
      if (!targets.some((t) => e.matches(t))) continue;
      if (e.users > 0) reloads.push(e.load());
      else this.#entries.delete(text);
    }
    await Promise.all(reloads);
  }

  /** Forgets everything (after a restore from a backup, all data changed). */
  async invalidateAll(): Promise<void> {
    const reloads: Promise<void>[] = [];
    for (const [text, e] of this.#entries) {
      if (e.users > 0) reloads.push(e.load());
      else this.#entries.delete(text);
    }
    await Promise.all(reloads);
  }

  /** How many keys are cached (for tests). */
  get size(): number {
    return this.#entries.size;
  }
}

/** The cache every screen shares. */
export const cache = new ResourceCache();

/** Invalidates in the shared cache: see `ResourceCache.invalidate`. */
export function invalidate(...targets: Target[]): Promise<void> {
  return cache.invalidate(...targets);
}

/** What a screen holds: the entry of its current key, and the one before while it loads. */
export class Resource<T> {
  #entry = $state<Entry<T> | null>(null);
  #previous = $state<Entry<T> | null>(null);

  /** The data of the current key; while a new key loads for the first time, the previous
   * key's data (a list does not blank out while its filter changes). */
  get data(): T | undefined {
    const e = this.#entry;
    if (e?.settled) return e.data;
    return this.#previous?.data;
  }
  /** The Vietnamese message of the last failed load, or "". */
  get error(): string {
    return this.#entry?.error ?? "";
  }
  get loading(): boolean {
    return this.#entry ? this.#entry.loading || !this.#entry.settled : true;
  }

  /** Loads the current key again (e.g. a "Tải lại" button); resolves when done. */
  refresh(): Promise<void> {
    return this.#entry ? this.#entry.load() : Promise.resolve();
  }

  /** Shows what a write returned (e.g. the roster in its new order) without loading again. */
  set(value: T): void {
    this.#entry?.set(value);
  }

  /** Resolves when the current key's newest load has finished. */
  whenLoaded(): Promise<void> {
    return this.#entry ? this.#entry.whenSettled() : Promise.resolve();
  }

  /** @internal Shows `e` from now on; loads it when stale. */
  show(e: Entry<T>): void {
    if (this.#entry !== e) {
      this.#previous = this.#entry;
      this.#entry = e;
    }
    if (e.stale) void e.load();
  }
}

/**
 * A resource for a component: `key` is read reactively (when it changes, the resource shows
 * the new key, loading it unless cached and fresh); `fetch` loads the current key. Must be
 * called during component initialisation (or inside `$effect.root`).
 */
export function resource<T>(key: () => Key, fetch: () => Promise<T>, options: { tags?: readonly string[]; cache?: ResourceCache } = {}): Resource<T> {
  const r = new Resource<T>();
  const c = options.cache ?? cache;
  // After the component is set up (a key may name state declared below the resource).
  $effect(() => {
    const k = key();
    return untrack(() => {
      const e = c.entry(k, fetch, options.tags);
      // Shown by no screen until now: its cached data is shown at once, and loaded again
      // (as a screen opening always did), in case something changed it unannounced.
      if (e.users === 0) e.stale = true;
      e.users++;
      r.show(e);
      return () => {
        e.users--;
      };
    });
  });
  return r;
}
