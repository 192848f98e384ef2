import { flushSync } from "svelte";
import { describe, expect, it } from "vitest";
import { ApiError } from "./api";
import { ResourceCache, resource, type Key, type Resource } from "./resource.svelte";

/** A fetch that resolves when the test says so, counting its calls. */
function controlled<T>() {
  const calls: { resolve: (v: T) => void; reject: (e: unknown) => void }[] = [];
  const fetch = () => new Promise<T>((resolve, reject) => calls.push({ resolve, reject }));
  return { fetch, calls };
}

/** A resource outside a component: `key` is a $state the test changes; `stop` unmounts it. */
function mount<T>(cache: ResourceCache, key: () => Key, fetch: () => Promise<T>, tags: string[] = []) {
  let r!: Resource<T>;
  const stop = $effect.root(() => {
    r = resource(key, fetch, { cache, tags });
  });
  flushSync();
  return { r, stop };
}

const tick = () => new Promise((resolve) => setTimeout(resolve, 0));

describe("resource", () => {
  it("loads its key, is loading until then, and shows the data", async () => {
    const cache = new ResourceCache();
    const f = controlled<string>();
    const { r, stop } = mount(cache, () => ["meeting", "m1"], f.fetch);
    expect(r.loading).toBe(true);
    expect(r.data).toBeUndefined();
    expect(f.calls.length).toBe(1);
    f.calls[0].resolve("Phiên họp quý III");
    await r.whenLoaded();
    expect(r.loading).toBe(false);
    expect(r.data).toBe("Phiên họp quý III");
    expect(r.error).toBe("");
    stop();
  });

  it("shares one load between two screens showing the same key", async () => {
    const cache = new ResourceCache();
    let calls = 0;
    const fetch = async () => ++calls;
    const a = mount(cache, () => ["documents", 2024], fetch);
    const b = mount(cache, () => ["documents", 2024], fetch);
    await a.r.whenLoaded();
    await b.r.whenLoaded();
    expect(calls).toBe(1);
    expect(a.r.data).toBe(1);
    expect(b.r.data).toBe(1);
    a.stop();
    b.stop();
  });

  it("keeps the backend's message on failure, and clears it when a reload succeeds", async () => {
    const cache = new ResourceCache();
    let fail = true;
    const fetch = async () => {
      if (fail) throw new ApiError({ code: "not_found", message: "Không tìm thấy cuộc họp." });
      return "ok";
    };
    const { r, stop } = mount(cache, () => ["meeting", "x"], fetch);
    await r.whenLoaded();
    expect(r.error).toBe("Không tìm thấy cuộc họp.");
    expect(r.loading).toBe(false);
    expect(r.data).toBeUndefined();
    fail = false;
    await r.refresh();
    expect(r.error).toBe("");
    expect(r.data).toBe("ok");
    stop();
  });

  it("loads again what a write invalidates by key prefix or by tag, and nothing else", async () => {
    const cache = new ResourceCache();
    const counts: Record<string, number> = {};
    const counter = (name: string) => async () => (counts[name] = (counts[name] ?? 0) + 1);
    const m1 = mount(cache, () => ["meeting", "m1"], counter("m1"), ["documents"]);
    const m2 = mount(cache, () => ["meeting", "m2"], counter("m2"));
    const docs = mount(cache, () => ["documents", 2024, "draft"], counter("docs"));
    await Promise.all([m1.r.whenLoaded(), m2.r.whenLoaded(), docs.r.whenLoaded()]);

    await cache.invalidate(["meeting", "m1"]);
    expect(counts).toEqual({ m1: 2, m2: 1, docs: 1 });
    expect(m1.r.data).toBe(2);

    // A document issued: the documents list and the meeting that shows documents.
    await cache.invalidate("documents");
    expect(counts).toEqual({ m1: 3, m2: 1, docs: 2 });

    await cache.invalidate(["meeting"]);
    expect(counts).toEqual({ m1: 4, m2: 2, docs: 2 });
    for (const x of [m1, m2, docs]) x.stop();
  });

  it("drops an invalidated entry no screen shows, and loads it when shown again", async () => {
    const cache = new ResourceCache();
    let calls = 0;
    const fetch = async () => ++calls;
    const a = mount(cache, () => ["roster", "tf"], fetch);
    await a.r.whenLoaded();
    a.stop();
    await cache.invalidate("roster");
    expect(calls).toBe(1);
    expect(cache.size).toBe(0);
    const b = mount(cache, () => ["roster", "tf"], fetch);
    await b.r.whenLoaded();
    expect(calls).toBe(2);
    expect(b.r.data).toBe(2);
    b.stop();
  });

  it("shows cached data at once when a screen opens again, and refreshes it", async () => {
    const cache = new ResourceCache();
    const f = controlled<string>();
    const a = mount(cache, () => ["agencies"], f.fetch);
    f.calls[0].resolve("13 cơ quan");
    await a.r.whenLoaded();
    a.stop();
    const b = mount(cache, () => ["agencies"], f.fetch);
    expect(b.r.data).toBe("13 cơ quan");
    expect(f.calls.length).toBe(2);
    f.calls[1].resolve("14 cơ quan");
    await b.r.whenLoaded();
    expect(b.r.data).toBe("14 cơ quan");
    b.stop();
  });

  it("ignores a stale response that arrives after a newer one", async () => {
    const cache = new ResourceCache();
    const f = controlled<string>();
    const { r, stop } = mount(cache, () => ["meeting", "m1"], f.fetch);
    const first = f.calls[0];
    void r.refresh();
    const second = f.calls[1];
    second.resolve("mới");
    await tick();
    expect(r.data).toBe("mới");
    first.resolve("cũ");
    await tick();
    expect(r.data).toBe("mới");
    // A late failure of a superseded load does not show either.
    void r.refresh();
    const third = f.calls[2];
    void r.refresh();
    f.calls[3].resolve("mới nhất");
    third.reject(new ApiError({ code: "storage", message: "Lỗi cũ" }));
    await r.whenLoaded();
    await tick();
    expect(r.data).toBe("mới nhất");
    expect(r.error).toBe("");
    stop();
  });

  it("follows its key: a late answer for the old key never shows under the new one", async () => {
    const cache = new ResourceCache();
    let year = $state(2024);
    const pending = new Map<number, (v: string) => void>();
    const fetch = () => {
      const y = year;
      return new Promise<string>((resolve) => pending.set(y, resolve));
    };
    const { r, stop } = mount(cache, () => ["documents", year], fetch);
    pending.get(2024)!("văn bản 2024");
    await r.whenLoaded();
    year = 2025;
    flushSync();
    // Until 2025 has loaded, the list keeps showing 2024 rather than blanking out.
    expect(r.loading).toBe(true);
    expect(r.data).toBe("văn bản 2024");
    pending.get(2025)!("văn bản 2025");
    await r.whenLoaded();
    expect(r.data).toBe("văn bản 2025");
    // A reload of 2025 still running when the screen goes back to 2024: its late answer
    // must not show under 2024.
    void r.refresh();
    const late2025 = pending.get(2025)!;
    year = 2024;
    flushSync();
    expect(r.data).toBe("văn bản 2024");
    pending.get(2024)!("văn bản 2024 (mới)");
    await r.whenLoaded();
    late2025("văn bản 2025 (muộn)");
    await tick();
    expect(r.data).toBe("văn bản 2024 (mới)");
    stop();
  });

  it("shows what a write returned, and drops a load that was still running", async () => {
    const cache = new ResourceCache();
    const f = controlled<string[]>();
    const { r, stop } = mount(cache, () => ["roster", "tf", "2024-09-05"], f.fetch);
    f.calls[0].resolve(["Sở Xây dựng", "Sở Y tế"]);
    await r.whenLoaded();
    void r.refresh();
    r.set(["Sở Y tế", "Sở Xây dựng"]);
    expect(r.data).toEqual(["Sở Y tế", "Sở Xây dựng"]);
    expect(r.loading).toBe(false);
    f.calls[1].resolve(["Sở Xây dựng", "Sở Y tế"]);
    await tick();
    expect(r.data).toEqual(["Sở Y tế", "Sở Xây dựng"]);
    stop();
  });
});
