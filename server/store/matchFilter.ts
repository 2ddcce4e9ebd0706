// Judges whether one document matches a filter, for the operators the repositories use, as MongoDB would.
import type { Filter } from "./types.ts";

/** true or false when sure; undefined for anything this does not know (arrays, dotted paths, other operators). */
export type Verdict = boolean | undefined;

const isPlain = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && !(v instanceof Date) && Object.getPrototypeOf(v) === Object.prototype;

/** A scalar this can compare: MongoDB compares values of one type only (a Date never equals a string). */
function key(v: unknown): { type: string; value: string | number | boolean } | null | undefined {
  if (v === undefined || v === null) return null;
  if (v instanceof Date) return { type: "date", value: v.getTime() };
  if (typeof v === "string" || typeof v === "number" || typeof v === "boolean") return { type: typeof v, value: v };
  return undefined;
}

function equals(actual: unknown, expected: unknown): Verdict {
  const a = key(actual);
  const e = key(expected);
  if (a === undefined || e === undefined) return undefined;
  // { field: null } matches a missing field too.
  if (a === null || e === null) return a === e;
  return a.type === e.type && a.value === e.value;
}

function compare(actual: unknown, expected: unknown, test: (c: number) => boolean): Verdict {
  const a = key(actual);
  const e = key(expected);
  if (a === undefined || e === undefined || e === null) return undefined;
  if (a === null || a.type !== e.type) return false;
  return test(a.value < e.value ? -1 : a.value > e.value ? 1 : 0);
}

function all(verdicts: Verdict[]): Verdict {
  if (verdicts.includes(false)) return false;
  return verdicts.includes(undefined) ? undefined : true;
}

function some(verdicts: Verdict[]): Verdict {
  if (verdicts.includes(true)) return true;
  return verdicts.includes(undefined) ? undefined : false;
}

const not = (v: Verdict): Verdict => (v === undefined ? undefined : !v);

function operator(actual: unknown, op: string, arg: unknown): Verdict {
  switch (op) {
    case "$eq":
      return equals(actual, arg);
    case "$ne":
      return not(equals(actual, arg));
    case "$in":
      return Array.isArray(arg) ? some(arg.map((e) => equals(actual, e))) : undefined;
    case "$nin":
      return Array.isArray(arg) ? not(some(arg.map((e) => equals(actual, e)))) : undefined;
    case "$lt":
      return compare(actual, arg, (c) => c < 0);
    case "$lte":
      return compare(actual, arg, (c) => c <= 0);
    case "$gt":
      return compare(actual, arg, (c) => c > 0);
    case "$gte":
      return compare(actual, arg, (c) => c >= 0);
    case "$exists":
      return typeof arg === "boolean" ? (actual !== undefined) === arg : undefined;
    default:
      return undefined;
  }
}

function field(doc: Record<string, unknown>, name: string, condition: unknown): Verdict {
  const actual = doc[name];
  // An array matches when one of its elements does: left to the server.
  if (name.includes(".") || Array.isArray(actual)) return undefined;
  if (isPlain(condition) && Object.keys(condition).every((k) => k.startsWith("$")))
    return all(Object.entries(condition).map(([op, arg]) => operator(actual, op, arg)));
  return equals(actual, condition);
}

export function matchFilter(doc: Record<string, unknown>, filter: Filter): Verdict {
  return all(
    Object.entries(filter).map(([name, condition]) => {
      if (name === "$or" || name === "$and") {
        if (!Array.isArray(condition)) return undefined;
        const parts = condition.map((f) => (isPlain(f) ? matchFilter(doc, f) : undefined));
        return name === "$or" ? some(parts) : all(parts);
      }
      return name.startsWith("$") ? undefined : field(doc, name, condition);
    }),
  );
}
