#!/usr/bin/env python3
"""Live ctypes peer of PythonPeerTest: exchanges structs with a Java tcpip-struct endpoint.

    python3 struct_peer.py client PORT   # connect to a Java OneClientServer on 127.0.0.1:PORT
    python3 struct_peer.py server        # listen on 127.0.0.1, port 0, print "PORT <n>", serve one Java Client

The exchange, the same in both modes:
1. Java sends, in one write, the structs of JAVA_SENDS (filled with the values of the golden vectors of
   those names, see golden_structs.py); this peer reads each with readexactly(sizeof) and
   from_buffer_copy and checks every field and every byte.
2. This peer sends back, in one write, the replies of reply_structs(), derived from what it read; Java
   checks them field by field.
3. This peer sends a StandardHeader (message 1, sequence 1) and a Point body; Java reads it with
   MessageChannel.readMessage().
4. Java sends two EnvelopeBE messages with MessageChannel.writeMessage(); this peer checks what it
   stamped (message id 2, sequence 1 then 2, body size, a timestamp in Unix seconds) and the bodies.

Exit status: 0 after printing "OK ..." on stdout; 1 with "MISMATCH: ..." on stderr when anything read
differs from what was expected; 2 with a traceback on any other error (a deadline passed, the connection
failed or closed early). Every wait has a deadline (TIMEOUT). Stdlib only.
"""

import asyncio
import ctypes
import math
import sys
import time
import traceback

import golden_structs as g

TIMEOUT = 20.0  # seconds, for each connect, read and write
JAVA_SENDS = ["scalars_le_mixed", "strings_unicode", "envelope_be", "aligned_holds_packed", "scalars_be_max",
              "all_arrays"]
POINT_ID = 1      # message ids of the Java MessageProtocol
ENVELOPE_ID = 2
KEEP_TOP_BIT = 0x7FFF_FFFF_FFFF_FFFF


class Mismatch(Exception):
    """What this peer read is not what it expected."""


def first_difference(expected, actual, path=""):
    """The path and both values of the first differing field of two values() dicts, or None."""
    if isinstance(expected, dict):
        for key in expected:
            d = first_difference(expected[key], actual.get(key), f"{path}.{key}")
            if d:
                return d
        return None
    if isinstance(expected, list):
        if len(expected) != len(actual):
            return path, expected, actual
        for i, (e, a) in enumerate(zip(expected, actual)):
            d = first_difference(e, a, f"{path}[{i}]")
            if d:
                return d
        return None
    return None if expected == actual else (path, expected, actual)


def check_struct(what, expected, actual, data=None):
    """Field by field, then byte by byte (when the raw bytes are given)."""
    d = first_difference(g.values(expected), g.values(actual))
    if d:
        raise Mismatch(f"{what}: field {type(expected).__name__}{d[0]}: expected {d[1]!r}, got {d[2]!r}")
    if data is not None and bytes(expected) != data:
        at = next(i for i, (a, b) in enumerate(zip(bytes(expected), data)) if a != b)
        raise Mismatch(f"{what}: same values but byte {at} differs: expected {bytes(expected).hex(' ')}, "
                       f"got {data.hex(' ')}")


def check(what, condition, detail):
    if not condition:
        raise Mismatch(f"{what}: {detail}")


async def read_struct(reader, cls, what):
    size = ctypes.sizeof(cls)
    try:
        data = await asyncio.wait_for(reader.readexactly(size), TIMEOUT)
    except asyncio.IncompleteReadError as e:
        raise Mismatch(f"{what}: the stream ended after {len(e.partial)} of {size} bytes") from None
    return cls.from_buffer_copy(data), data


def complement(s, cls):
    """ScalarsLE / ScalarsBE reply: every integer bit-inverted within its width, except uint64 which keeps
    its top bit (x ^ 0x7FFF_FFFF_FFFF_FFFF, so a value from 2**63 up stays there), the flag negated,
    f32 negated, f64 doubled."""
    return cls(not s.flag, ~s.i8, s.u8 ^ 0xFF, ~s.i16, s.u16 ^ 0xFFFF, ~s.i32, s.u32 ^ 0xFFFF_FFFF, ~s.i64,
               s.u64 ^ KEEP_TOP_BIT, -s.f32, s.f64 * 2)


def reversed_text(b):
    return b.decode("utf-8")[::-1].encode("utf-8")


def reply_structs(got):
    """The replies, in order, derived from the structs Java sent (PythonPeerTest checks the same rules)."""
    s = got["strings_unicode"]
    strings = g.Strings(reversed_text(s.city), reversed_text(s.euro), reversed_text(s.cjk), reversed_text(s.emoji),
                        reversed_text(s.ascii), reversed_text(s.empty), reversed_text(s.mixed), s.after ^ 0xFFFF)
    e = got["envelope_be"]
    envelope = g.EnvelopeBE(
        e.id + 1, g.InnerBE(e.inner.tag ^ 0xFF, -e.inner.value, e.inner.count + 1),
        (g.PointBE * 2)(g.PointBE(e.points[1].y, e.points[1].x), g.PointBE(e.points[0].y, e.points[0].x)),
        reversed_text(e.name), not e.ok, e.big ^ KEEP_TOP_BIT, e.ratio * 4)
    a = got["aligned_holds_packed"]
    aligned = g.AlignedHoldsPacked.from_buffer_copy(bytes(a))
    aligned.x = a.x + 1
    aligned.flag = not a.flag
    aligned.inner.value = a.inner.value + 1.5
    aligned.more[1].count = a.more[1].count * 3
    return [complement(got["scalars_le_mixed"], g.ScalarsLE), strings, envelope, aligned,
            complement(got["scalars_be_max"], g.ScalarsBE)]


async def exchange(reader, writer):
    # 1. Java -> Python: several structs, back to back, from one write.
    got = {}
    for name in JAVA_SENDS:
        expected = g.build(name)
        actual, data = await read_struct(reader, type(expected), f"struct {name} from Java")
        check_struct(f"struct {name} from Java", expected, actual, data)
        got[name] = actual

    # 2. Python -> Java: the replies, in one write.
    replies = reply_structs(got)
    writer.write(b"".join(bytes(r) for r in replies))
    await asyncio.wait_for(writer.drain(), TIMEOUT)

    # 3. A message to Java's MessageChannel.readMessage(): header + body.
    body = g.Point(-7, 2**31 - 1)
    header = g.StandardHeader(POINT_ID, 1, time.time(), ctypes.sizeof(body))
    writer.write(bytes(header) + bytes(body))
    await asyncio.wait_for(writer.drain(), TIMEOUT)

    # 4. Two messages from Java's MessageChannel.writeMessage(): check the stamped headers and the bodies.
    for sequence in (1, 2):
        what = f"message {sequence} from Java"
        header, _ = await read_struct(reader, g.StandardHeader, what + " (header)")
        check(what, header.message_id == ENVELOPE_ID, f"message_id {header.message_id}, expected {ENVELOPE_ID}")
        check(what, header.sequence == sequence, f"sequence {header.sequence}, expected {sequence}")
        check(what, header.body_size == ctypes.sizeof(g.EnvelopeBE),
              f"body_size {header.body_size}, expected {ctypes.sizeof(g.EnvelopeBE)}")
        # Stamped with Java's clock in Unix seconds (not milliseconds, not zero): same machine, same clock.
        check(what, math.isfinite(header.timestamp) and abs(header.timestamp - time.time()) < 600,
              f"timestamp {header.timestamp!r} is not the current Unix time in seconds ({time.time()!r})")
        envelope, data = await read_struct(reader, g.EnvelopeBE, what + " (body)")
        expected = g.build("envelope_be")
        expected.id = 1000 + sequence
        check_struct(what + " (body)", expected, envelope, data)

    writer.close()
    await asyncio.wait_for(writer.wait_closed(), TIMEOUT)
    return f"{len(JAVA_SENDS)} structs read, {len(replies)} replies sent, 1 message sent, 2 read"


async def run_client(port):
    reader, writer = await asyncio.wait_for(asyncio.open_connection("127.0.0.1", port), TIMEOUT)
    return await exchange(reader, writer)


async def run_server():
    done = asyncio.get_running_loop().create_future()

    async def handle(reader, writer):
        if done.done():  # one client only
            writer.close()
            return
        try:
            done.set_result(await exchange(reader, writer))
        except BaseException as e:  # handed to run_server, which reports it
            done.set_exception(e)

    server = await asyncio.start_server(handle, "127.0.0.1", 0)
    port = server.sockets[0].getsockname()[1]
    print(f"PORT {port}", flush=True)
    try:
        return await asyncio.wait_for(done, 3 * TIMEOUT)
    finally:
        server.close()
        await server.wait_closed()


def main(argv):
    if len(argv) == 2 and argv[0] == "client":
        job = run_client(int(argv[1]))
    elif len(argv) == 1 and argv[0] == "server":
        job = run_server()
    else:
        sys.exit("usage: struct_peer.py client PORT | struct_peer.py server")
    g.check_platform()
    try:
        summary = asyncio.run(job)
    except Mismatch as e:
        print(f"MISMATCH: {e}", file=sys.stderr, flush=True)
        sys.exit(1)
    except BaseException:  # noqa: B902 - report anything else with its traceback
        traceback.print_exc()
        sys.exit(2)
    print(f"OK {summary}", flush=True)


if __name__ == "__main__":
    main(sys.argv[1:])
