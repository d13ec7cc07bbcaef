"""Subscribes to an event-bus address through Vert.x's TCP event-bus bridge, with the Python standard library
only (socket, struct, json), and prints each message's body as one line of JSON.

    python3 bridge_subscriber.py HOST PORT ADDRESS COUNT
"""
import json
import socket
import struct
import sys


def read_exactly(sock, n):
    data = b""
    while len(data) < n:
        chunk = sock.recv(n - len(data))
        if not chunk:
            raise EOFError("the bridge closed the connection")
        data += chunk
    return data


def send(sock, frame):
    payload = json.dumps(frame).encode("utf-8")
    sock.sendall(struct.pack(">I", len(payload)) + payload)


def recv(sock):
    (length,) = struct.unpack(">I", read_exactly(sock, 4))
    return json.loads(read_exactly(sock, length).decode("utf-8"))


def main():
    host, port, address, count = sys.argv[1], int(sys.argv[2]), sys.argv[3], int(sys.argv[4])
    with socket.create_connection((host, port), timeout=30) as sock:
        send(sock, {"type": "register", "address": address, "headers": {}})
        received = 0
        while received < count:
            frame = recv(sock)
            if frame.get("type") == "err":
                raise RuntimeError("the bridge refused: " + frame.get("message", ""))
            if frame.get("type") == "message" and frame.get("address") == address:
                print(json.dumps(frame["body"], separators=(",", ":")), flush=True)
                received += 1
        send(sock, {"type": "unregister", "address": address, "headers": {}})


if __name__ == "__main__":
    main()
