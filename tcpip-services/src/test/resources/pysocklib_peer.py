"""A peer speaking pysocklib's wire, stdlib only: each message is its UTF-8 bytes then b"\r\n" (one sendall
per message, as socketlib's send_msg); received bytes are read with recv(1024) and split at b"\r\n" (as
socketlib's Buffer.get_msg).

usage: pysocklib_peer.py client PORT|server 0  ACTION [N] [MESSAGE ...]
  ACTION send:     send the messages, then close
  ACTION receive:  receive N messages, print each as "GOT <message>", then close
  ACTION both:     send the messages, then receive N, then close
A server prints "PORT <n>" once listening (on 127.0.0.1). Prints "OK" at the end.
"""
import socket
import sys

MSG_END = b"\r\n"


def get_msg(sock, buffer):
    while MSG_END not in buffer[0]:
        data = sock.recv(1024)
        if not data:
            raise SystemExit("end of stream before a whole message; buffered %r" % buffer[0])
        buffer[0] += data
    msg, _, rest = buffer[0].partition(MSG_END)
    buffer[0] = rest
    return msg


def main():
    role, port, action = sys.argv[1], int(sys.argv[2]), sys.argv[3]
    if action == "send":
        count, messages = 0, sys.argv[4:]
    else:
        count, messages = int(sys.argv[4]), sys.argv[5:]
    if role == "server":
        listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        listener.bind(("127.0.0.1", port))
        listener.listen()
        listener.settimeout(20)
        print("PORT %d" % listener.getsockname()[1], flush=True)
        sock, _ = listener.accept()
        listener.close()
    else:
        sock = socket.create_connection(("127.0.0.1", port), timeout=20)
    sock.settimeout(20)
    if action in ("send", "both"):
        for m in messages:
            sock.sendall(m.encode("utf-8") + MSG_END)
    if action in ("receive", "both"):
        buffer = [b""]
        for _ in range(count):
            print("GOT " + get_msg(sock, buffer).decode("utf-8"), flush=True)
    sock.close()
    print("OK", flush=True)


main()
