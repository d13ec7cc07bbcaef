"""A stdlib-only asyncio client for the echo server, as the lsst.ts.tcpip user guide would write it.

Usage: python3 echo_client.py PORT [HOST]

Sends lines (whole, split across writes, several in one write, non-ASCII, binary), checks each echo
with readuntil(b"\\r\\n"), checks that a second client is closed at once, and prints
"OK <n> lines echoed" on success. Any mismatch or timeout exits 1 with the reason on stderr.
"""

import asyncio
import sys

TERMINATOR = b"\r\n"
TIMEOUT = 10


async def read_line(reader):
    return await asyncio.wait_for(reader.readuntil(TERMINATOR), TIMEOUT)


async def expect(reader, expected):
    got = await read_line(reader)
    if got != expected:
        raise AssertionError(f"expected {expected!r}, got {got!r}")


async def main(host, port):
    reader, writer = await asyncio.wait_for(asyncio.open_connection(host=host, port=port), TIMEOUT)
    count = 0

    # Whole lines, one at a time; make sure the server has this client before the next step.
    for text in ("hello", "", "héllo wörld ✓"):
        line = text.encode() + TERMINATOR
        writer.write(line)
        await writer.drain()
        await expect(reader, line)
        count += 1

    # A second client is accepted and closed at once: it reads end of stream.
    reader2, writer2 = await asyncio.wait_for(asyncio.open_connection(host=host, port=port), TIMEOUT)
    extra = await asyncio.wait_for(reader2.read(), TIMEOUT)
    if extra != b"":
        raise AssertionError(f"second client got {extra!r}, expected end of stream")
    writer2.close()
    await writer2.wait_closed()

    # One line split across writes.
    for part in (b"spl", b"it\r", b"\n"):
        writer.write(part)
        await writer.drain()
    await expect(reader, b"split\r\n")
    count += 1

    # Several lines in one write.
    lines = [f"line {i}".encode() + TERMINATOR for i in range(50)]
    writer.write(b"".join(lines))
    await writer.drain()
    for line in lines:
        await expect(reader, line)
        count += 1

    # Binary, including invalid UTF-8 and a bare LF, which does not end a line.
    binary = bytes(b for b in range(256) if b not in (0x0D,)) + TERMINATOR
    writer.write(binary)
    await writer.drain()
    await expect(reader, binary)
    count += 1

    writer.close()
    await writer.wait_closed()
    print(f"OK {count} lines echoed")


if __name__ == "__main__":
    port = int(sys.argv[1])
    host = sys.argv[2] if len(sys.argv) > 2 else "127.0.0.1"
    try:
        asyncio.run(main(host, port))
    except Exception as e:  # report any failure as one line and a non-zero status
        print(f"FAILED: {type(e).__name__}: {e}", file=sys.stderr)
        sys.exit(1)
