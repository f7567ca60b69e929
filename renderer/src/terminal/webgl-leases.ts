/**
 * WebGL contexts for terminals are scarce (browsers keep about 16 live per page and drop the oldest
 * past that, blanking a pane), so they are leased: only visible panes hold one, at most `cap` at a
 * time, and a pane without a lease renders with xterm's DOM renderer. A pane that is hidden hands its
 * context back, and the lease goes to the longest-waiting visible pane. A pane whose WebGL failed or
 * lost its context stays on the DOM renderer for good, so a broken GPU never makes it flicker.
 */
export interface LeaseHolder {
  /** Load the WebGL renderer. False when it could not: the pane keeps the DOM renderer. */
  grant(): boolean;
  /** Drop the WebGL renderer and repaint with the DOM renderer. */
  revoke(): void;
}

interface Entry {
  readonly holder: LeaseHolder;
  visible: boolean;
  leased: boolean;
  /** WebGL failed or lost its context here: never ask again. */
  broken: boolean;
  /** When it started waiting (registered or shown), so waiting panes are served first come, first served. */
  seq: number;
}

export class WebglLeases {
  private readonly entries = new Map<string, Entry>();
  private seq = 0;

  constructor(private readonly cap: number) {}

  get leased(): number {
    let count = 0;
    for (const entry of this.entries.values()) if (entry.leased) count++;
    return count;
  }

  has(id: string): boolean {
    return this.entries.get(id)?.leased ?? false;
  }

  register(id: string, holder: LeaseHolder, visible: boolean): void {
    this.unregister(id);
    this.entries.set(id, { holder, visible, leased: false, broken: false, seq: this.seq++ });
    this.distribute();
  }

  setVisible(id: string, visible: boolean): void {
    const entry = this.entries.get(id);
    if (!entry || entry.visible === visible) return;
    entry.visible = visible;
    if (visible) entry.seq = this.seq++;
    if (!visible && entry.leased) this.revoke(entry);
    this.distribute();
  }

  /** The holder's context was lost (the GPU reset, the browser reclaimed it): it is on the DOM renderer now. */
  lost(id: string): void {
    const entry = this.entries.get(id);
    if (!entry) return;
    entry.leased = false;
    entry.broken = true;
    this.distribute();
  }

  unregister(id: string): void {
    const entry = this.entries.get(id);
    if (!entry) return;
    this.entries.delete(id);
    if (entry.leased) this.revoke(entry);
    this.distribute();
  }

  private revoke(entry: Entry): void {
    entry.leased = false;
    try {
      entry.holder.revoke();
    } catch {
      // The pane is on its way out; the lease is free either way.
    }
  }

  private distribute(): void {
    const waiting = [...this.entries.values()].filter((e) => e.visible && !e.leased && !e.broken).sort((a, b) => a.seq - b.seq);
    for (const entry of waiting) {
      if (this.leased >= this.cap) return;
      let granted = false;
      try {
        granted = entry.holder.grant();
      } catch {
        granted = false;
      }
      if (granted) entry.leased = true;
      else entry.broken = true;
    }
  }
}
