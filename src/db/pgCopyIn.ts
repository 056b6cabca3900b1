/**
 * `COPY … FROM STDIN` over `pg`, fed from a file: the PostgreSQL copy of the canonical tables
 * (pgCopy.ts) sends the CSV DuckDB wrote, in the server's own bulk path (parsed in C, no JS per
 * value). A `pg` submittable: the client hands it the connection when the server asks for data.
 */
import { once } from 'node:events';
import { createReadStream } from 'node:fs';

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
