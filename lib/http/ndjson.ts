/**
 * Reads an NDJSON response body line by line (browser and server), handing each parsed line to
 * `onValue` as soon as it arrives, so a streamed test shows each step the moment it finishes.
 * Throws on a network error or a line that is not JSON.
 */
export async function readNdjson(
  body: ReadableStream<Uint8Array<ArrayBuffer>>,
  onValue: (value: unknown) => void,
): Promise<void> {
  const reader = body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = "";
  for (;;) {
    const { value, done } = await reader.read();
    if (done) break;
    buffer += value;
    for (let i = buffer.indexOf("\n"); i >= 0; i = buffer.indexOf("\n")) {
      const line = buffer.slice(0, i).trim();
      buffer = buffer.slice(i + 1);
      if (line) onValue(JSON.parse(line));
    }
  }
}
