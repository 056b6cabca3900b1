/**
 * `COPY … FROM STDIN` over `pg`, fed from a file: the PostgreSQL copy of the canonical tables
 * (pgCopy.ts) sends the CSV DuckDB wrote, in the server's own bulk path (parsed in C, no JS per
 * value). A `pg` submittable: the client hands it the connection when the server asks for data.
 */
import { once } from 'node:events';
import { createReadStream, createWriteStream } from 'node:fs';

/** What of pg's connection the copy uses (its documented submittable protocol). */
interface CopyConnection {
  query(text: string): void;
  sendCopyFromChunk(chunk: Buffer): void;
  endCopyFrom(): void;
  sendCopyFail(message: string): void;
  stream: NodeJS.WritableStream & { writableNeedDrain?: boolean };
}

export class CsvCopyIn {
  readonly done: Promise<void>;
  private settle!: (error?: Error) => void;

  constructor(
    private readonly text: string,
    private readonly file: string,
  ) {
    this.done = new Promise((resolve, reject) => {
      this.settle = (error) => (error ? reject(error) : resolve());
    });
  }

  submit(connection: CopyConnection): void {
    connection.query(this.text);
  }

  handleCopyInResponse(connection: CopyConnection): void {
    void this.send(connection);
  }

  private async send(connection: CopyConnection): Promise<void> {
    try {
      for await (const chunk of createReadStream(this.file, { highWaterMark: 1 << 20 })) {
        connection.sendCopyFromChunk(chunk as Buffer);
        // the file can be far larger than memory should hold: wait while the socket is behind
        if (connection.stream.writableNeedDrain) await once(connection.stream, 'drain');
      }
      connection.endCopyFrom();
    } catch (error) {
      // the server ends the COPY with an error, which handleError then reports
      connection.sendCopyFail(`reading ${this.file}: ${(error as Error).message}`);
    }
  }

  handleError(error: Error): void {
    this.settle(error);
  }

  handleReadyForQuery(): void {
    this.settle();
  }

  handleCommandComplete(): void {}
  handleRowDescription(): void {}
  handleDataRow(): void {}
  handleEmptyQuery(): void {}
  handlePortalSuspended(): void {}
  handleCopyData(): void {}
}

/**
 * `COPY … TO STDOUT` over `pg`, into a file: the way back, for a load into PostgreSQL that first
 * takes the schema's canonical tables (pgLoad.ts). The server's CSV goes to disk as it comes, and
 * DuckDB reads it there; the socket is paused while the file is behind.
 */
export class CsvCopyOut {
  readonly done: Promise<void>;
  private settle!: (error?: Error) => void;
  private readonly out: ReturnType<typeof createWriteStream>;
  private failed: Error | undefined;

  constructor(
    private readonly text: string,
    file: string,
  ) {
    this.out = createWriteStream(file, { highWaterMark: 1 << 20 });
    this.out.on('error', (error) => (this.failed ??= error));
    this.done = new Promise((resolve, reject) => {
      this.settle = (error) => (error ? reject(error) : resolve());
    });
  }

  submit(connection: CopyConnection): void {
    connection.query(this.text);
  }

  private pending: Buffer[] = [];
  private pendingBytes = 0;

  // a row per message, in a slice of pg's read buffer, which it reuses: copied, and written a MiB at a time
  handleCopyData(message: { chunk: Buffer }, connection: CopyConnection & { stream: { pause(): void; resume(): void } }): void {
    this.pending.push(Buffer.from(message.chunk));
    this.pendingBytes += message.chunk.length;
    if (this.pendingBytes >= 1 << 20 && !this.flush()) {
      connection.stream.pause();
      this.out.once('drain', () => connection.stream.resume());
    }
  }

  /** false when the file is behind */
  private flush(): boolean {
    if (this.pending.length === 0) return true;
    const chunk = Buffer.concat(this.pending, this.pendingBytes);
    this.pending = [];
    this.pendingBytes = 0;
    return this.out.write(chunk);
  }

  handleError(error: Error): void {
    this.out.destroy();
    this.settle(error);
  }

  handleReadyForQuery(): void {
    // a failed write to the file fails the copy (a settled promise ignores a second settle)
    if (this.failed) {
      this.out.destroy();
      this.settle(this.failed);
    } else {
      this.flush();
      this.out.end(() => this.settle(this.failed));
    }
  }

  handleCommandComplete(): void {}
  handleRowDescription(): void {}
  handleDataRow(): void {}
  handleEmptyQuery(): void {}
  handlePortalSuspended(): void {}
  handleCopyInResponse(): void {}
}
