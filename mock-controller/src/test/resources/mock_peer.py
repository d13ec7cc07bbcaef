"""A peer of the mock telescope controller, written from docs/structs.md ("The mock telescope controller")
alone: stdlib asyncio for the socket, ctypes for the structs.

Usage: python3 mock_peer.py PORT [HOST]

Checks the struct sizes the page gives, then: configures, moves, reads telemetry until the mount has
moved toward the target, sends an out-of-range move, an unknown message id and a command with a wrong
body_size, stops, and checks every ack. Prints "OK <summary>" on success; any mismatch or timeout exits 1
with the reason on stderr.
"""

import asyncio
import ctypes
import math
import sys
import time

TIMEOUT = 10


class Header(ctypes.LittleEndianStructure):
    _pack_ = 1
    _fields_ = [
        ("message_id", ctypes.c_uint32),
        ("sequence", ctypes.c_uint32),
        ("timestamp", ctypes.c_double),
        ("body_size", ctypes.c_uint32),
    ]


class MoveCommand(ctypes.LittleEndianStructure):
    _pack_ = 1
    _fields_ = [("azimuth", ctypes.c_double), ("elevation", ctypes.c_double)]


class StopCommand(ctypes.LittleEndianStructure):
    _pack_ = 1
    _fields_ = [("axes", ctypes.c_uint16)]


class ConfigureCommand(ctypes.LittleEndianStructure):
    _pack_ = 1
    _fields_ = [("max_velocity", ctypes.c_double), ("telemetry_hz", ctypes.c_uint16)]


class Ack(ctypes.LittleEndianStructure):
    _pack_ = 1
    _fields_ = [
        ("command_id", ctypes.c_uint32),
        ("command_sequence", ctypes.c_uint32),
        ("result", ctypes.c_uint16),
        ("text", ctypes.c_char * 64),
    ]


class Telemetry(ctypes.LittleEndianStructure):
    _pack_ = 1
    _fields_ = [
        ("counter", ctypes.c_uint32),
        ("azimuth", ctypes.c_double),
        ("elevation", ctypes.c_double),
        ("azimuth_velocity", ctypes.c_double),
        ("elevation_velocity", ctypes.c_double),
        ("target_azimuth", ctypes.c_double),
        ("target_elevation", ctypes.c_double),
        ("max_velocity", ctypes.c_double),
        ("telemetry_hz", ctypes.c_uint16),
        ("state", ctypes.c_uint16),
        ("in_position", ctypes.c_bool),
    ]


MOVE, STOP, CONFIGURE, ACK, TELEMETRY = 1, 2, 3, 100, 200
BODIES = {MOVE: MoveCommand, STOP: StopCommand, CONFIGURE: ConfigureCommand, ACK: Ack, TELEMETRY: Telemetry}
ACCEPTED, OUT_OF_RANGE, BAD_VALUE, UNKNOWN_COMMAND, BAD_SIZE = 0, 1, 2, 3, 4
IDLE, MOVING = 0, 1
EXPECTED_SIZES = {Header: 20, MoveCommand: 16, StopCommand: 2, ConfigureCommand: 10, Ack: 74, Telemetry: 65}


class Peer:
    def __init__(self, reader, writer):
        self.reader = reader
        self.writer = writer
        self.sequence = 0
        self.acks = asyncio.Queue()
        self.telemetry = asyncio.Queue()
        self.last_controller_sequence = 0
        self.read_task = None

    async def next_from(self, queue):
        """The next message of a queue; raises the reader's error if it failed, TimeoutError after TIMEOUT."""
        getter = asyncio.ensure_future(queue.get())
        done, _ = await asyncio.wait({getter, self.read_task}, timeout=TIMEOUT,
                                     return_when=asyncio.FIRST_COMPLETED)
        if getter in done:
            return getter.result()
        getter.cancel()
        if self.read_task in done:
            self.read_task.result()  # raises what the reader raised
            raise AssertionError("the controller closed the connection")
        raise TimeoutError(f"nothing within {TIMEOUT} s")

    async def send(self, message_id, body_bytes):
        self.sequence += 1
        header = Header(message_id, self.sequence, time.time(), len(body_bytes))
        self.writer.write(bytes(header) + body_bytes)
        await self.writer.drain()
        return self.sequence

    async def read_forever(self):
        while True:
            header = Header.from_buffer_copy(await self.reader.readexactly(ctypes.sizeof(Header)))
            body = await self.reader.readexactly(header.body_size)
            if header.sequence != self.last_controller_sequence + 1:
                raise AssertionError(f"controller sequence {header.sequence} after {self.last_controller_sequence}")
            self.last_controller_sequence = header.sequence
            kind = BODIES.get(header.message_id)
            if kind not in (Ack, Telemetry):
                raise AssertionError(f"unexpected message id {header.message_id} from the controller")
            if header.body_size != ctypes.sizeof(kind):
                raise AssertionError(f"id {header.message_id} declares {header.body_size} bytes")
            message = kind.from_buffer_copy(body)
            await (self.acks if kind is Ack else self.telemetry).put(message)

    async def command(self, message_id, body_bytes, expected_result):
        sequence = await self.send(message_id, body_bytes)
        ack = await self.next_from(self.acks)
        text = ack.text.decode("utf-8")
        if (ack.command_id, ack.command_sequence) != (message_id, sequence):
            raise AssertionError(f"ack for id {ack.command_id} seq {ack.command_sequence}, "
                                 f"expected id {message_id} seq {sequence}")
        if ack.result != expected_result:
            raise AssertionError(f"id {message_id}: result {ack.result} ({text!r}), expected {expected_result}")
        return text

    async def sample(self):
        return await self.next_from(self.telemetry)


async def main(host, port):
    for struct, size in EXPECTED_SIZES.items():
        if ctypes.sizeof(struct) != size:
            raise AssertionError(f"sizeof({struct.__name__}) = {ctypes.sizeof(struct)}, the page says {size}")

    reader, writer = await asyncio.wait_for(asyncio.open_connection(host=host, port=port), TIMEOUT)
    peer = Peer(reader, writer)
    read_task = asyncio.create_task(peer.read_forever())
    peer.read_task = read_task
    try:
        await peer.command(CONFIGURE, bytes(ConfigureCommand(20.0, 50)), ACCEPTED)
        await peer.command(MOVE, bytes(MoveCommand(120.0, 45.0)), ACCEPTED)

        # Telemetry: the targets are set and the mount moves toward them.
        first = None
        samples = 0
        while True:
            t = await peer.sample()
            samples += 1
            if (t.target_azimuth, t.target_elevation) != (120.0, 45.0):
                continue  # sent before the move was accepted
            if t.max_velocity != 20.0 or t.telemetry_hz != 50:
                raise AssertionError(f"configuration not reported: {t.max_velocity} deg/s, {t.telemetry_hz} Hz")
            if first is None:
                first = t
                continue
            if t.counter <= first.counter:
                raise AssertionError(f"counter {t.counter} after {first.counter}")
            if not (0 <= t.azimuth <= 120 and 0 <= t.elevation <= 45):
                raise AssertionError(f"position ({t.azimuth}, {t.elevation}) outside the way to the target")
            if t.azimuth > first.azimuth and t.state == MOVING and not t.in_position:
                break
            if samples > 500:
                raise AssertionError("the mount does not move toward its target")

        await peer.command(MOVE, bytes(MoveCommand(400.0, 45.0)), OUT_OF_RANGE)
        await peer.command(MOVE, bytes(MoveCommand(math.nan, 45.0)), OUT_OF_RANGE)
        await peer.command(CONFIGURE, bytes(ConfigureCommand(10.0, 0)), BAD_VALUE)
        await peer.command(42, b"xyz", UNKNOWN_COMMAND)
        await peer.command(MOVE, bytes(MoveCommand(1.0, 2.0))[:8], BAD_SIZE)
        stopped = await peer.command(STOP, bytes(StopCommand(3)), ACCEPTED)

        # After the stop: the targets are the positions, the mount is idle and in position.
        while True:
            t = await peer.sample()
            if t.state == IDLE and t.in_position and t.azimuth_velocity == 0 and t.elevation_velocity == 0:
                if (t.target_azimuth, t.target_elevation) != (t.azimuth, t.elevation):
                    raise AssertionError("stopped, but the targets are not the positions")
                break
    finally:
        read_task.cancel()
        writer.close()
        await writer.wait_closed()
    print(f"OK {peer.sequence} commands acked, {samples} telemetry samples read; last ack: {stopped}")


if __name__ == "__main__":
    port = int(sys.argv[1])
    host = sys.argv[2] if len(sys.argv) > 2 else "127.0.0.1"
    try:
        asyncio.run(main(host, port))
    except Exception as e:  # report any failure as one line and a non-zero status
        print(f"FAILED: {type(e).__name__}: {e}", file=sys.stderr)
        sys.exit(1)
