// Encodes binary values for engines that persist JSON, and back, recursively.
const TAG = "__carnetBinary";

type Json = unknown;

export function encodeBinary(value: Json): Json {
  if (value instanceof Uint8Array) return { [TAG]: Buffer.from(value.buffer, value.byteOffset, value.byteLength).toString("base64") };
  if (Array.isArray(value)) return value.map(encodeBinary);
  if (value && typeof value === "object" && !(value instanceof Date)) {
    const out: Record<string, Json> = {};
    for (const [k, v] of Object.entries(value)) out[k] = encodeBinary(v);
    return out;
  }
  return value;
}

export function decodeBinary(value: Json): Json {
  if (Array.isArray(value)) return value.map(decodeBinary);
  if (value && typeof value === "object" && !(value instanceof Date)) {
    const record = value as Record<string, Json>;
    const encoded = record[TAG];
    if (typeof encoded === "string" && Object.keys(record).length === 1)
      return new Uint8Array(Buffer.from(encoded, "base64"));
    const out: Record<string, Json> = {};
    for (const [k, v] of Object.entries(record)) out[k] = decodeBinary(v);
    return out;
  }
  return value;
}
