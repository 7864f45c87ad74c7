// The load generator's reader: just enough HTTP/1.1 and SSE to count posts, for tens of
// thousands of sockets per process. No EventSource, no HTTP client: bytes arrive as
// latin1 strings (one char per byte), the head gives the status, the body may be chunked,
// and each complete SSE event is scanned for a `bench-<n>` marker in its data lines.

const marker = /bench-(\d+)/;

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
