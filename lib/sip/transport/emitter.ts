/** A tiny listener list shared by the transports. */
import type { TransportEvent } from "./types";

export class EventList {
  private listeners = new Set<(e: TransportEvent) => void>();
  private closed = false;

  on(listener: (e: TransportEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  emit(event: TransportEvent): void {
    if (this.closed) return;
    if (event.type === "error") this.closed = true;
    for (const l of [...this.listeners]) l(event);
  }

  /** After close() nothing more is delivered (we closed it ourselves; no one needs telling). */
  close(): void {
    this.closed = true;
    this.listeners.clear();
  }
}
