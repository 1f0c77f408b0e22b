/**
 * Receive statistics of one RTP source: extended sequence numbers, expected and lost packets
 * (RFC 3550 A.1, A.3) and interarrival jitter (A.8), in timestamp units and in milliseconds.
 */

const RTP_SEQ_MOD = 1 << 16;
const MAX_DROPOUT = 3000;
const MAX_MISORDER = 100;

export class ReceiveStats {
  received = 0;
  private baseSeq = 0;
  private maxSeq = 0;
  private cycles = 0;
  private started = false;
  private transit: number | null = null;
  /** RFC 3550 A.8, in timestamp units. */
  jitter = 0;
  private expectedPrior = 0;
  private receivedPrior = 0;

  constructor(private readonly clockRate = 8000) {}

  /** `arrivalMs`: local receive time on a monotonic clock. */
  update(seq: number, timestamp: number, arrivalMs: number): void {
    if (!this.started) {
      this.started = true;
      this.baseSeq = seq;
      this.maxSeq = seq;
    } else {
      const delta = (seq - this.maxSeq + RTP_SEQ_MOD) % RTP_SEQ_MOD;
      if (delta < MAX_DROPOUT) {
        if (seq < this.maxSeq) this.cycles += RTP_SEQ_MOD; // wrapped
        this.maxSeq = seq;
      } else if (delta <= RTP_SEQ_MOD - MAX_MISORDER) {
        // A large jump: the source restarted; start counting again (A.1 resynchronisation, simplified).
        this.baseSeq = seq;
        this.maxSeq = seq;
        this.cycles = 0;
        this.received = 0;
        this.expectedPrior = 0;
        this.receivedPrior = 0;
      }
      // else: a duplicate or reordered packet; counted as received, does not move maxSeq.
    }
    this.received++;
    const arrival = (arrivalMs * this.clockRate) / 1000;
    const transit = arrival - timestamp;
    if (this.transit !== null) {
      // Timestamps wrap at 2^32: take the shortest difference.
      let d = transit - this.transit;
      if (d > 2 ** 31) d -= 2 ** 32;
      if (d < -(2 ** 31)) d += 2 ** 32;
      this.jitter += (Math.abs(d) - this.jitter) / 16;
    }
    this.transit = transit;
  }

  get extendedMax(): number {
    return this.cycles + this.maxSeq;
  }

  get expected(): number {
    return this.started ? this.extendedMax - this.baseSeq + 1 : 0;
  }

  /** May be negative with duplicates (A.3). */
  get lost(): number {
    return this.expected - this.received;
  }

  get lossPct(): number {
    const e = this.expected;
    return e > 0 ? Math.max(0, Math.round((this.lost / e) * 10000) / 100) : 0;
  }

  get jitterMs(): number {
    return Math.round((this.jitter / this.clockRate) * 1000 * 100) / 100;
  }

  /** A.3: loss since the previous report, as a fraction. */
  fractionSinceLastReport(): number {
    const expectedInterval = this.expected - this.expectedPrior;
    const receivedInterval = this.received - this.receivedPrior;
    this.expectedPrior = this.expected;
    this.receivedPrior = this.received;
    const lostInterval = expectedInterval - receivedInterval;
    return expectedInterval === 0 || lostInterval <= 0 ? 0 : lostInterval / expectedInterval;
  }
}
