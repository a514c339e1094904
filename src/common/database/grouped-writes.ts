/**
 * Rows that many concurrent callers write, sent as one statement per round trip (group commit):
 * the first caller's row goes at once; rows that arrive while that statement is under way go
 * together in the next one. Nothing waits on a timer, so a lone caller is not slowed, and under
 * load a statement carries as many rows as arrived during the one before it (at most `maxRows`).
 * Each caller's promise settles when the statement holding its row has: resolved once it is
 * written, rejected with the statement's error if it failed.
 */
export class GroupedWrites<Row> {
  private waiting: { row: Row; resolve: () => void; reject: (error: unknown) => void }[] = [];
  private writing = false;

  constructor(
    private readonly write: (rows: Row[]) => Promise<unknown>,
    private readonly maxRows = 100,
  ) {}

  add(row: Row): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      this.waiting.push({ row, resolve, reject });
      if (!this.writing) void this.drain();
    });
  }

  private async drain(): Promise<void> {
    this.writing = true;
    try {
      while (this.waiting.length > 0) {
        const group = this.waiting.splice(0, this.maxRows);
        try {
          await this.write(group.map((w) => w.row));
          for (const w of group) w.resolve();
        } catch (error) {
          for (const w of group) w.reject(error);
        }
      }
    } finally {
      this.writing = false;
    }
  }
}
