// What of an error may be logged: its kind and codes. Never the error object itself: discord.js errors
// carry the request body, which holds the DM's text.

export function errorFields(error: unknown): { name: string; code?: string | number; status?: number } {
  if (!(error instanceof Error)) return { name: typeof error };
  const fields: { name: string; code?: string | number; status?: number } = { name: error.name };
  const { code, status } = error as { code?: unknown; status?: unknown };
  if (typeof code === 'string' || typeof code === 'number') fields.code = code;
  if (typeof status === 'number') fields.status = status;
  return fields;
}
