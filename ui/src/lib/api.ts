// The one way the UI talks to the backend: the generated, typed `commands`, unwrapped so that
// a failure becomes an `ApiError` carrying the backend's {code, message} (Vietnamese).
import { commands, type AppError, type ErrorCode } from "./bindings";
import { saveState } from "./saveState.svelte";
import { invalidate, type Target } from "./resource.svelte";

export { commands };

export class ApiError extends Error {
  readonly code: ErrorCode;
  constructor(e: AppError) {
    super(e.message);
    this.code = e.code;
  }
}

type Outcome<T> = { status: "ok"; data: T } | { status: "error"; error: AppError };

function toAppError(e: unknown): AppError {
  if (e && typeof e === "object" && "message" in e && "code" in e) return e as AppError;
  return { code: "storage", message: `Lỗi hệ thống, vui lòng thử lại. Chi tiết: ${String(e)}` };
}

/** Awaits a read; throws ApiError on failure. */
export async function read<T>(call: Promise<Outcome<T>>): Promise<T> {
  let outcome: Outcome<T>;
  try {
    outcome = await call;
  } catch (e) {
    throw new ApiError(toAppError(e));
  }
  if (outcome.status === "error") throw new ApiError(toAppError(outcome.error));
  return outcome.data;
}

/**
 * Awaits a write; on success records the time for the "Đã lưu lúc …" indicator, then
 * invalidates what it `changes` (keys or tags of resources, see resource.svelte.ts) and waits
 * until the resources on screen have loaded again.
 */
export async function write<T>(call: Promise<Outcome<T>>, ...changes: Target[]): Promise<T> {
  const data = await read(call);
  saveState.savedAt = new Date();
  if (changes.length) await invalidate(...changes);
  return data;
}

/** The message to show for any error thrown by `read`/`write` or by the UI itself. */
export function messageOf(e: unknown): string {
  if (e instanceof ApiError) return e.message;
  if (e instanceof Error) return `Lỗi không mong đợi: ${e.message}`;
  return String(e);
}
