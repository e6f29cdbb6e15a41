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

/** Bytes gathered before a write: records of 100 KB+ each, written one by one, cost a fresh
 *  buffer (an mmap above glibc's threshold) and a system call apiece. */
const STAGING = 1 << 20;

export class RecordsFileWriter {
  private fd: number | undefined;
  private count = 0;
  private readonly temp: string;
  private readonly staged = Buffer.allocUnsafe(STAGING);
  private used = 0;

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
    this.flush();
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
    // A UTF-16 unit takes at most 3 bytes in UTF-8 (a surrogate pair: 4 bytes for 2 units).
    if (this.used + s.length * 3 > STAGING) this.flush();
    if (s.length * 3 > STAGING) this.writeAll(Buffer.from(s, 'utf8'), 0, -1);
    else this.used += this.staged.write(s, this.used, 'utf8');
  }

  private flush(): void {
    if (this.used > 0) this.writeAll(this.staged, 0, this.used);
    this.used = 0;
  }

  /** bytes[from, to) (to −1: the end); writeSync may write less than asked (a full disk, a
   *  signal): go on from where it stopped. */
  private writeAll(bytes: Buffer, from: number, to: number): void {
    const end = to < 0 ? bytes.length : to;
    for (let off = from; off < end; ) off += writeSync(this.fd!, bytes, off, end - off);
  }

  private close(): void {
    const fd = this.fd;
    this.fd = undefined;
    if (fd !== undefined) closeSync(fd);
  }
}
