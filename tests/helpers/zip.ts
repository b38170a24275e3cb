import { crc32, deflateRawSync } from 'node:zlib';

/** A zip of these files (deflated, or stored when `store`), written by the format's spec (APPNOTE 4.3). */
export function zipOf(files: [string, Uint8Array][], store = false): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const [name, content] of files) {
    const data = store ? Buffer.from(content) : deflateRawSync(content);
    const nameBytes = Buffer.from(name);
    const fields = (b: Buffer, at: number) => {
      b.writeUInt16LE(20, at); b.writeUInt16LE(0x0800, at + 2); b.writeUInt16LE(store ? 0 : 8, at + 4); b.writeUInt32LE(0x00210000, at + 6);
      b.writeUInt32LE(crc32(content), at + 10); b.writeUInt32LE(data.length, at + 14); b.writeUInt32LE(content.length, at + 18); b.writeUInt16LE(nameBytes.length, at + 22);
    };
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    fields(local, 4);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    fields(central, 6);
    central.writeUInt32LE(offset, 42);
    locals.push(local, nameBytes, data);
    centrals.push(central, nameBytes);
    offset += 30 + nameBytes.length + data.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(files.length, 8); end.writeUInt16LE(files.length, 10);
  end.writeUInt32LE(directory.length, 12); end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}
