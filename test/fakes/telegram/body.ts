// Request bodies as telegraf sends them: JSON, form-encoded, or multipart (files: name and size only).
import type { IncomingMessage } from 'node:http';

export interface UploadedFile {
  field: string;
  filename: string;
  size: number;
}

export async function readBody(req: IncomingMessage): Promise<{ fields: Record<string, unknown>; files: UploadedFile[] }> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const raw = Buffer.concat(chunks);
  const type = req.headers['content-type'] ?? '';
  if (raw.length === 0) return { fields: {}, files: [] };
  if (type.startsWith('application/json')) return { fields: JSON.parse(raw.toString('utf8')) as Record<string, unknown>, files: [] };
  if (type.startsWith('application/x-www-form-urlencoded')) return { fields: Object.fromEntries(new URLSearchParams(raw.toString('utf8'))), files: [] };
  const boundary = /boundary=(?:"([^"]+)"|([^;]+))/u.exec(type);
  if (type.startsWith('multipart/form-data') && boundary) return multipart(raw, boundary[1] ?? boundary[2]!);
  return { fields: {}, files: [] };
}

function multipart(raw: Buffer, boundary: string): { fields: Record<string, unknown>; files: UploadedFile[] } {
  const fields: Record<string, unknown> = {};
  const files: UploadedFile[] = [];
  // latin1 maps bytes 1:1 to characters, so offsets found in the string are byte offsets.
  const text = raw.toString('latin1');
  for (const part of text.split(`--${boundary}`).slice(1)) {
    if (part.startsWith('--')) break;
    const split = part.indexOf('\r\n\r\n');
    if (split < 0) continue;
    const headers = part.slice(0, split);
    const body = part.slice(split + 4).replace(/\r\n$/u, '');
    const name = /name="([^"]*)"/u.exec(headers)?.[1];
    if (!name) continue;
    const filename = /filename="([^"]*)"/u.exec(headers)?.[1];
    if (filename !== undefined) files.push({ field: name, filename, size: Buffer.byteLength(body, 'latin1') });
    else fields[name] = parseValue(Buffer.from(body, 'latin1').toString('utf8'));
  }
  return { fields, files };
}

function parseValue(value: string): unknown {
  if (/^[[{]/u.test(value)) {
    try {
      return JSON.parse(value);
    } catch {
      return value;
    }
  }
  return value;
}
