/**
 * An organization's data version, read for many requests at once without serving any of them
 * a version older than its own arrival: a request joins the read in flight only if that read
 * was sent after the request came (none was in flight), and otherwise waits for the next read,
 * sent when the one in flight returns. So a write whose request returned before a read was
 * asked for is always seen, as with one statement per request, while N requests arriving
 * together cost one or two statements instead of N (docs/design.md, The response cache).
 */
export class CoalescedVersionReads {
  private readonly slots = new Map<number, { running: Promise<number> | null; queued: Promise<number> | null }>();

  constructor(private readonly readVersion: (orgId: number) => Promise<number>) {}

  read(orgId: number): Promise<number> {
    let slot = this.slots.get(orgId);
    if (!slot) this.slots.set(orgId, (slot = { running: null, queued: null }));
    if (!slot.running) return this.launch(orgId, slot);
    const after = slot.running;
    // One read waits behind the running one for everyone who came while it ran.
    return (slot.queued ??= after.then(settled, settled).then(() => {
      slot.queued = null;
      return this.launch(orgId, slot);
    }));
  }

  private launch(orgId: number, slot: { running: Promise<number> | null }): Promise<number> {
    const read = this.readVersion(orgId);
    slot.running = read;
    const done = () => {
      if (slot.running === read) slot.running = null;
    };
    read.then(done, done);
    return read;
  }
}

const settled = () => undefined;
