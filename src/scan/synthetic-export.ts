// Synthetic exports for the benchmark: a Telegram Desktop result.json and a Slack export folder of any
// size, shaped like the real ones (pretty-printed, text entity arrays, service messages, replies, threads),
// written as a stream so making a 2-million-message file needs no more memory than reading one.
import { createWriteStream, type WriteStream } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { finished } from 'node:stream/promises';

const WORDS = 'you know where I am tonight again friend meeting said never please stop think really going see later why would anyone like this'.split(' ');

function sentence(i: number): string {
  const n = 4 + (i % 13);
  const out: string[] = [];
  for (let k = 0; k < n; k++) out.push(WORDS[(i * 31 + k * 7) % WORDS.length]!);
  return out.join(' ');
}

async function write(out: WriteStream, text: string): Promise<void> {
  if (!out.write(text)) await new Promise<void>((resolve) => out.once('drain', () => resolve()));
}

export async function writeTelegramExport(file: string, messages: number): Promise<number> {
  const out = createWriteStream(file);
  await write(out, '{\n "name": "Synthetic Peer",\n "type": "personal_chat",\n "id": 2002,\n "messages": [\n');
  const start = 1_600_000_000;
  for (let i = 0; i < messages; i++) {
    const t = start + i * 7;
    const from = i % 2 === 0 ? '"from": "Synthetic Peer",\n   "from_id": "user2002"' : '"from": "Owner",\n   "from_id": "user1001"';
    let body: string;
    if (i % 1000 === 999) body = `   "id": ${i + 1},\n   "type": "service",\n   "date": "x",\n   "date_unixtime": "${t}",\n   "actor": "Owner",\n   "actor_id": "user1001",\n   "action": "phone_call",\n   "text": "",\n   "text_entities": []`;
    else if (i % 10 === 3) {
      const s = sentence(i);
      body = `   "id": ${i + 1},\n   "type": "message",\n   "date": "x",\n   "date_unixtime": "${t}",\n   ${from},\n   "reply_to_message_id": ${i},\n   "text": [\n    "${s} ",\n    {\n     "type": "bold",\n     "text": "now"\n    }\n   ],\n   "text_entities": [\n    {\n     "type": "plain",\n     "text": "${s} "\n    },\n    {\n     "type": "bold",\n     "text": "now"\n    }\n   ]`;
    } else {
      const s = sentence(i);
      body = `   "id": ${i + 1},\n   "type": "message",\n   "date": "x",\n   "date_unixtime": "${t}",\n   ${from},\n   "text": "${s}",\n   "text_entities": [\n    {\n     "type": "plain",\n     "text": "${s}"\n    }\n   ]`;
    }
    await write(out, `  {\n${body}\n  }${i < messages - 1 ? ',' : ''}\n`);
  }
  out.end(' ]\n}\n');
  await finished(out);
  return messages;
}

/** A Slack export folder: `channels` channels over `days` days, `perDay` messages per channel-day. */
export async function writeSlackExport(dir: string, channels: number, days: number, perDay: number): Promise<number> {
  await mkdir(dir, { recursive: true });
  const users = Array.from({ length: 50 }, (_, i) => ({ id: `U${String(i).padStart(8, '0')}`, team_id: 'T00000001', name: `user${i}`, profile: { display_name: `user${i}` } }));
  await writeFile(path.join(dir, 'users.json'), JSON.stringify(users, null, 4));
  const list = Array.from({ length: channels }, (_, c) => ({ id: `C${String(c).padStart(8, '0')}`, name: `channel-${c}`, members: users.slice(0, 10).map((u) => u.id) }));
  await writeFile(path.join(dir, 'channels.json'), JSON.stringify(list, null, 4));
  let total = 0;
  for (const channel of list) {
    await mkdir(path.join(dir, channel.name), { recursive: true });
    for (let d = 0; d < days; d++) {
      const dayStart = 1_700_000_000 + d * 86_400;
      const date = new Date(dayStart * 1000).toISOString().slice(0, 10);
      const out = createWriteStream(path.join(dir, channel.name, `${date}.json`));
      await write(out, '[\n');
      for (let k = 0; k < perDay; k++) {
        const i = total++;
        const user = users[i % users.length]!.id;
        const mention = i % 9 === 0 ? ` <@${users[0]!.id}>` : '';
        const message = { client_msg_id: `m-${i}`, type: 'message', text: `${sentence(i)}${mention}`, user, ts: `${dayStart + k * 3}.${String(i % 1e6).padStart(6, '0')}`, team: 'T00000001', user_team: 'T00000001' };
        await write(out, `    ${JSON.stringify(message, null, 4).replace(/\n/g, '\n    ')}${k < perDay - 1 ? ',' : ''}\n`);
      }
      out.end(']\n');
      await finished(out);
    }
  }
  return total;
}
