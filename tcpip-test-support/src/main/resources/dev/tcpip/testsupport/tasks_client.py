"""A task-protocol client with the Python standard library only (socket, struct, json), written from the
protocol in dev.tcpip.tasks' package description. It runs bgpy's example sequence against a task server:

    python3 tasks_client.py HOST PORT        (the token in the environment variable TASKS_TOKEN, if any)

Each call opens its own connection, as bgpy's client does: AUTH (when there is a token), then the request;
it reads the confirmation, and the outcome when awaited. Prints one line per call: the reply's type and
its args as JSON (keys sorted), then "OK" at the end.
"""
import json
import os
import socket
import struct
import sys


def read_exactly(sock, n):
    data = b""
    while len(data) < n:
        chunk = sock.recv(n - len(data))
        if not chunk:
            raise EOFError("the server closed the connection")
        data += chunk
    return data


def send(sock, type_, args):
    payload = json.dumps({"type": type_, "args": args}).encode("utf-8")
    sock.sendall(struct.pack("!i", len(payload)) + payload)


def recv(sock):
    (length,) = struct.unpack("!i", read_exactly(sock, 4))
    message = json.loads(read_exactly(sock, length).decode("utf-8"))
    return message["type"], message.get("args", {})


def request(sock, type_, args, await_response):
    """Sends a request; returns the confirmation, or the outcome when awaited (or the lone ERROR)."""
    send(sock, type_, args)
    reply = recv(sock)
    if reply[0] == "ERROR":
        return reply
    if reply != ("OK", {"message": "Received '%s'" % type_}):
        raise ValueError("not the confirmation: %r" % (reply,))
    return recv(sock) if await_response else reply


def call(host, port, token, type_, args, await_response):
    with socket.create_connection((host, port), timeout=10) as sock:
        if token is not None:
            auth = request(sock, "AUTH", {"token": token}, True)
            if auth[0] != "OK":
                return auth
        return request(sock, type_, args, await_response)


def show(reply):
    print(reply[0], json.dumps(reply[1], sort_keys=True), flush=True)


def main():
    host, port = sys.argv[1], int(sys.argv[2])
    token = os.environ.get("TASKS_TOKEN")
    show(call(host, port, token, "INIT", {}, True))
    show(call(host, port, token, "INIT", {}, True))
    show(call(host, port, None, "EXEC", {"command": "increase", "value": 10}, True))
    show(call(host, port, "wrong", "EXEC", {"command": "increase", "value": 10}, True))
    args = {"command": "increase", "value": 10}
    show(call(host, port, token, "EXEC", args, False))
    show(call(host, port, token, "EXEC", {"command": "decrease", "value": 100}, False))
    show(call(host, port, token, "EXEC", {"command": "jump", "value": 1}, True))
    show(call(host, port, token, "EXIT", {}, True))
    if args != {"command": "increase", "value": 10}:
        raise AssertionError("the arguments changed: %r" % args)
    print("OK", flush=True)


if __name__ == "__main__":
    main()
