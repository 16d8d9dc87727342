import type { DbOrTx } from '../db/client';
import { WriteGate, type WrittenKind } from '../db/write-signals';

/**
 * A job that answers rows other work records (documents asked for, 约谈 files, 通报 drafts, statistics exports) and
 * runs after the commit that recorded them: one run at a time in this process, a kick during a run runs it once more
 * after. `wake()` after an event runs it only when this process wrote a row of its kinds since the last time; the
 * start-up run and periodic kicks find rows left by another process or a crash.
 */
export abstract class BackgroundWriter {
  private gate?: WriteGate;
  private running: Promise<void> | null = null;
  private again = false;

  protected constructor(
    private readonly gateDb: DbOrTx,
    private readonly kinds: WrittenKind[],
  ) {}

  /** One pass over what is waiting; must not throw (log what failed: the row is looked at again next time). */
  protected abstract runOnce(): Promise<void>;

  wake(): void {
    if ((this.gate ??= new WriteGate(this.gateDb, this.kinds)).moved()) this.kick();
  }

  kick(): void {
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = (async () => {
      do {
        this.again = false;
        await this.runOnce();
      } while (this.again);
    })().finally(() => {
      this.running = null;
    });
  }

  /** Resolves when no run is under way (tests, shutdown). */
  async idle(): Promise<void> {
    while (this.running) await this.running;
  }
}
