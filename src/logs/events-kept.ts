// Events kept by the segments of one file read by several threads. The merged report keeps the first
// MAX_EVENTS_KEPT events in file order (LogsAccumulator) and counts the rest as dropped, so a segment whose earlier
// segments already keep that many would keep its own for nothing: it only counts them from then on (and the module
// counts them for it, see LogsObserver.eventsFull). The report is the same whatever the timing of the threads.
import { MAX_EVENTS_KEPT } from './observer.js';

export class SegmentEvents {
  private readonly kept: Int32Array;

  /** `kept`: one int32 per segment of the file, shared by its threads; `index`: this segment's. */
  constructor(
    kept: SharedArrayBuffer,
    private readonly index: number,
  ) {
    this.kept = new Int32Array(kept);
    // a segment read again (its worker died) keeps the same events from its start: what the others see stays true
    Atomics.store(this.kept, index, 0);
  }

  /** This segment keeps one more event. */
  keep(): void {
    Atomics.add(this.kept, this.index, 1);
  }

  /** Whether the segments before this one keep MAX_EVENTS_KEPT events between them (so far: it only grows). */
  earlierFull(): boolean {
    let n = 0;
    for (let j = 0; j < this.index; j++) n += Atomics.load(this.kept, j);
    return n >= MAX_EVENTS_KEPT;
  }
}
