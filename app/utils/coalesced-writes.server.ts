import { Transform, type TransformCallback } from "node:stream";

/**
 * React's server renderer writes a page in 2 KB pieces; each piece travelled through a web stream
 * into its own socket write (about 35 for a search page), which cost more CPU than rendering the
 * cards. This passes on everything written within one turn of the event loop as one piece, so a
 * page rendered at once leaves in one write, while anything React sends later (a Suspense
 * boundary resolving) still streams as soon as it is ready.
 */
export class CoalescedWrites extends Transform {
  private pending: Buffer[] = [];
  private scheduled = false;

  override _transform(chunk: Buffer | string, encoding: BufferEncoding, callback: TransformCallback): void {
    this.pending.push(typeof chunk === "string" ? Buffer.from(chunk, encoding) : chunk);
    if (!this.scheduled) {
      this.scheduled = true;
      setImmediate(() => this.passOn());
    }
    callback();
  }

  override _flush(callback: TransformCallback): void {
    this.passOn();
    callback();
  }

  private passOn(): void {
    this.scheduled = false;
    if (this.pending.length === 0) return;
    const pieces = this.pending;
    this.pending = [];
    this.push(pieces.length === 1 ? pieces[0] : Buffer.concat(pieces));
  }
}
