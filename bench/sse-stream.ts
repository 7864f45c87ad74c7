// The load generator's reader: just enough HTTP/1.1 and SSE to count posts, for tens of
// thousands of sockets per process. No EventSource, no HTTP client: bytes arrive as
// latin1 strings (one char per byte), the head gives the status, the body may be chunked,
// and each complete SSE event is scanned for a `bench-<n>` marker in its data lines.

const marker = /bench-(\d+)/;
const markerBytes = Buffer.from("bench-");
const blankLine = Buffer.from("\n\n");
const dataField = Buffer.from("data:");
const lf = 0x0a;
const cr = 0x0d;

export class SseStream {
  /** The HTTP status, once the response head is in (0 before). */
  status = 0;
  /** The server ended the body (a zero-length chunk). */
  ended = false;
  private head = "";
  private chunked = false;
  /** Bytes left in the current chunk's data; 0 while a size line is expected. */
  private chunkLeft = 0;
  /** CR/LF bytes still to skip after a chunk's data. */
  private skip = 0;
  private sizeLine = "";
  /** SSE text after the last complete event. */
  private tail = "";

  /**
   * Feeds the first `length` bytes of `buffer`. The common case — a read that starts and
   * ends on an event boundary (and, chunked, on a chunk boundary) — is scanned in place for
   * the markers, with no string made: the generator shares the server's cores, so every
   * microsecond it spends per message is one the server under test does not get. Anything
   * else goes through `feed`.
   */
  feedBytes(buffer: Buffer, length: number, onPost: (n: number) => void): void {
    const view = buffer.subarray(0, length);
    const found = this.atBoundary() && this.endsOnBoundary(view) ? scanEvents(view, this.chunked) : null;
    if (!found) return this.feed(view.toString("latin1"), onPost);
    for (const n of found) onPost(n);
  }

  private atBoundary(): boolean {
    return (
      this.status !== 0 &&
      !this.ended &&
      this.tail === "" &&
      this.chunkLeft === 0 &&
      this.skip === 0 &&
      this.sizeLine === ""
    );
  }

  private endsOnBoundary(view: Buffer): boolean {
    const n = view.length;
    if (!this.chunked) return n >= 2 && view[n - 2] === lf && view[n - 1] === lf && !view.includes(cr);
    return n >= 4 && view[n - 4] === lf && view[n - 3] === lf && view[n - 2] === cr && view[n - 1] === lf;
  }

  /** Feeds bytes (latin1); calls `onPost(n)` once per event whose data names bench-<n>. */
  feed(data: string, onPost: (n: number) => void): void {
    if (this.status === 0) {
      this.head += data;
      const end = this.head.indexOf("\r\n\r\n");
      if (end === -1) return;
      const head = this.head;
      this.head = "";
      this.status = Number(head.slice(9, 12)) || -1;
      this.chunked = /\r\ntransfer-encoding:\s*chunked/i.test(head);
      data = head.slice(end + 4);
    }
    if (!this.chunked) return this.events(data, onPost);
    let i = 0;
    while (i < data.length && !this.ended) {
      if (this.chunkLeft > 0) {
        const take = Math.min(this.chunkLeft, data.length - i);
        this.events(data.slice(i, i + take), onPost);
        this.chunkLeft -= take;
        i += take;
        if (this.chunkLeft === 0) this.skip = 2;
      } else if (this.skip > 0) {
        this.skip--;
        i++;
      } else {
        const newline = data.indexOf("\n", i);
        if (newline === -1) {
          this.sizeLine += data.slice(i);
          return;
        }
        const size = parseInt(this.sizeLine + data.slice(i, newline), 16);
        this.sizeLine = "";
        i = newline + 1;
        if (size === 0 || Number.isNaN(size)) this.ended = true;
        else this.chunkLeft = size;
      }
    }
  }

  private events(text: string, onPost: (n: number) => void): void {
    if (text.includes("\r")) text = text.replace(/\r\n?/g, "\n");
    const all = this.tail + text;
    const end = all.lastIndexOf("\n\n");
    if (end === -1) {
      this.tail = all;
      return;
    }
    this.tail = all.slice(end + 2);
    for (const event of all.slice(0, end).split("\n\n")) {
      for (const line of event.split("\n")) {
        if (!line.startsWith("data:")) continue;
        const found = marker.exec(line);
        if (found) {
          onPost(Number(found[1]));
          break;
        }
      }
    }
  }
}

/**
 * The post numbers named in `view`'s events (one per event, from its first data line
 * that has a marker), or null when the bytes are not plain "\n"-separated events (then
 * the caller reads them the slow way).
 */
function scanEvents(view: Buffer, chunked: boolean): number[] | null {
  const posts: number[] = [];
  let at = view.indexOf(markerBytes);
  while (at !== -1) {
    const lineStart = view.lastIndexOf(lf, at) + 1;
    let digitsEnd = at + markerBytes.length;
    let n = 0;
    while (digitsEnd < view.length && view[digitsEnd]! >= 0x30 && view[digitsEnd]! <= 0x39) {
      n = n * 10 + (view[digitsEnd]! - 0x30);
      digitsEnd++;
    }
    const onDataLine = view.subarray(lineStart, lineStart + dataField.length).equals(dataField);
    if (!onDataLine || digitsEnd === at + markerBytes.length) {
      at = view.indexOf(markerBytes, at + 1);
      continue;
    }
    posts.push(n);
    const eventEnd = view.indexOf(blankLine, digitsEnd);
    if (eventEnd === -1) return null;
    // Chunked: a chunk's framing sits between events, never inside one a server wrote whole.
    if (chunked && view.lastIndexOf(cr, eventEnd) > lineStart) return null;
    at = view.indexOf(markerBytes, eventEnd + 2);
  }
  return posts;
}
