"""A stdlib-only client (socket, struct) for the echo server's frame mode:
java -jar echo-server.jar --framing length --clients many.

Usage: python3 frame_client.py PORT [HOST]

Each frame is a 4-byte signed big-endian length N (struct "!i") followed by N payload bytes; the server
sends every frame back as the same frame. Two clients at once exchange frames (empty, text, binary, 256 KiB,
several in one write, one split byte by byte); a third sends a negative length and must be closed while the
first is still served. Prints "OK <n> frames echoed" on success; any mismatch or timeout exits 1.
"""

import socket
import struct
import sys

TIMEOUT = 10


def connect(host, port):
    s = socket.create_connection((host, port), timeout=TIMEOUT)
    s.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    return s


def frame(payload):
    return struct.pack("!i", len(payload)) + payload


def recv_exactly(s, n):
    data = b""
    while len(data) < n:
        chunk = s.recv(n - len(data))
        if not chunk:
            raise AssertionError(f"end of stream after {len(data)} of {n} bytes")
        data += chunk
    return data


def recv_frame(s):
    (n,) = struct.unpack("!i", recv_exactly(s, 4))
    return recv_exactly(s, n)


def expect_echo(s, payload):
    s.sendall(frame(payload))
    got = recv_frame(s)
    if got != payload:
        raise AssertionError(f"expected {payload[:40]!r} ({len(payload)} bytes), got {got[:40]!r} ({len(got)} bytes)")


def expect_closed(s):
    try:
        while True:
            data = s.recv(4096)
            if not data:
                return
            raise AssertionError(f"expected the server to close, got {data[:40]!r}")
    except ConnectionResetError:
        return


def main(host, port):
    count = 0
    a = connect(host, port)
    b = connect(host, port)
    for payload in (b"hello", b"", "héllo wörld ✓".encode(), bytes(range(256)), b"x" * (256 * 1024)):
        expect_echo(a, payload)
        expect_echo(b, payload[::-1])
        count += 2

    # Several frames in one write, then one frame split byte by byte.
    many = [b"one", b"two", b"three"]
    a.sendall(b"".join(frame(p) for p in many))
    for p in many:
        if recv_frame(a) != p:
            raise AssertionError(f"coalesced frame {p!r} not echoed")
        count += 1
    for byte in frame(b"split"):
        b.sendall(bytes([byte]))
    if recv_frame(b) != b"split":
        raise AssertionError("split frame not echoed")
    count += 1

    # A negative length closes that client only.
    c = connect(host, port)
    c.sendall(struct.pack("!i", -1))
    expect_closed(c)
    c.close()
    expect_echo(a, b"still served")
    expect_echo(b, b"me too")
    count += 2

    a.close()
    b.close()
    print(f"OK {count} frames echoed")


if __name__ == "__main__":
    main(sys.argv[2] if len(sys.argv) > 2 else "127.0.0.1", int(sys.argv[1]))
