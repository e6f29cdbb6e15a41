// The records file of an export (documents.jsonl, doccano.jsonl, tasks.json), written as the
// documents finish instead of rendered at the end. An export of a large corpus then never holds
// every record in memory (a 60 MB corpus made a 180 MB string), and the writing overlaps the
// tagging: with --jobs the main thread writes while the workers tag, where it used to write the
// whole file alone after them (a fifth of the run on 1,000 files of 20,000 characters).
//
// Atomic like every write of the CLI: the records go to `.NAME.PID.TIME.tmp` next to the target,
// renamed over it by commit(); abort() (a cancelled or failed export) removes the temporary file
// and leaves any earlier file in place. A killed process leaves the temporary file, which the
// next export removes (removeStaleTemps).
import { openSync, writeSync, closeSync, renameSync, unlinkSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type { RecordsFile } from '../core/formats/common';
import { removeStaleTemps, tempPathFor } from './io';

export class RecordsFileWriter {
  private fd: number | undefined;
  private count = 0;
  private readonly temp: string;

  constructor(private readonly target: string, private readonly file: RecordsFile) {
    mkdirSync(dirname(target), { recursive: true });
    removeStaleTemps(target);
    this.temp = tempPathFor(target);
    this.fd = openSync(this.temp, 'wx'); // wx: a new file, never one someone put there
  }

  /** Appends one document's records; call in document order. */
  append(records: readonly string[]): void {
    for (const r of records) {
      this.write((this.count === 0 ? this.file.head : this.file.separator) + r);
      this.count++;
    }
  }

  /** Finishes the file and puts it in place of the target. */
  commit(): void {
    this.write(this.count ? this.file.tail : this.file.empty);
    this.close();
    renameSync(this.temp, this.target);
  }

  /** Drops the file (nothing replaces the target). Safe to call after commit or twice. */
  abort(): void {
    if (this.fd === undefined) return;
    this.close();
    try { unlinkSync(this.temp); } catch { /* already gone */ }
  }

  private write(s: string): void {
    if (this.fd === undefined) throw new Error(`${this.target}: written after commit or abort`);
    const bytes = Buffer.from(s, 'utf8');
    // writeSync may write less than asked (a full disk, a signal): go on from where it stopped.
    for (let off = 0; off < bytes.length; ) off += writeSync(this.fd, bytes, off);
  }

  private close(): void {
    const fd = this.fd;
    this.fd = undefined;
    if (fd !== undefined) closeSync(fd);
  }
}
