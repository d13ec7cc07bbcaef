"""A UDP peer, stdlib socket only.

usage: udp_peer.py client PORT MESSAGE...   send each message to 127.0.0.1:PORT, print each reply as
                                            "GOT <reply>", then "OK"
       udp_peer.py server N                 bind 127.0.0.1:0, print "PORT <n>", answer N datagrams with
                                            b"echo:" + the datagram, print "OK"
"""
import socket
import sys


def main():
    s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    s.settimeout(20)
    if sys.argv[1] == "client":
        port = int(sys.argv[2])
        for m in sys.argv[3:]:
            s.sendto(m.encode("utf-8"), ("127.0.0.1", port))
            data, _ = s.recvfrom(65536)
            print("GOT " + data.decode("utf-8"), flush=True)
    else:
        s.bind(("127.0.0.1", 0))
        print("PORT %d" % s.getsockname()[1], flush=True)
        for _ in range(int(sys.argv[2])):
            data, sender = s.recvfrom(65536)
            s.sendto(b"echo:" + data, sender)
    s.close()
    print("OK", flush=True)


main()
