#!/usr/bin/env python3
"""Opens N authenticated, idle MySQL-protocol connections and holds them.

Usage: idle_conns.py HOST PORT USER PASSWORD N HOLD_SECONDS
Speaks just enough of the protocol (handshake v10, mysql_native_password,
no TLS) to log in; prints "open N" once every connection is logged in, then
sleeps HOLD_SECONDS and closes them. Used by bench/sysbench.sh to measure the
gateway's resident memory per idle client connection.
"""
import hashlib
import socket
import struct
import sys
import time


def read_packet(sock):
    header = b""
    while len(header) < 4:
        chunk = sock.recv(4 - len(header))
        if not chunk:
            raise ConnectionError("closed")
        header += chunk
    length = header[0] | header[1] << 8 | header[2] << 16
    body = b""
    while len(body) < length:
        chunk = sock.recv(length - len(body))
        if not chunk:
            raise ConnectionError("closed")
        body += chunk
    return header[3], body


def native_scramble(password, nonce):
    if not password:
        return b""
    stage1 = hashlib.sha1(password.encode()).digest()
    stage2 = hashlib.sha1(stage1).digest()
    mix = hashlib.sha1(nonce + stage2).digest()
    return bytes(a ^ b for a, b in zip(stage1, mix))


def login(host, port, user, password):
    sock = socket.create_connection((host, port))
    seq, hello = read_packet(sock)
    pos = 1
    pos = hello.index(b"\0", pos) + 1  # server version
    pos += 4  # connection id
    nonce = hello[pos:pos + 8]
    pos += 8 + 1 + 2 + 1 + 2 + 2  # filler, caps low, charset, status, caps hi
    auth_len = hello[pos]
    pos += 1 + 10
    nonce += hello[pos:pos + max(13, auth_len - 8) - 1]
    caps = 0x00000200 | 0x00008000 | 0x00080000 | 0x00000001  # 4.1, secure, plugin auth
    scramble = native_scramble(password, nonce[:20])
    body = struct.pack("<IIB23x", caps, 1 << 24, 45)
    body += user.encode() + b"\0" + bytes([len(scramble)]) + scramble
    body += b"mysql_native_password\0"
    sock.sendall(struct.pack("<I", len(body))[:3] + bytes([seq + 1]) + body)
    _, answer = read_packet(sock)
    if answer[:1] != b"\0":
        raise RuntimeError("login failed: %r" % answer[:80])
    return sock


def main():
    host, port, user, password, n, hold = sys.argv[1:7]
    socks = [login(host, int(port), user, password) for _ in range(int(n))]
    print("open %d" % len(socks), flush=True)
    time.sleep(float(hold))
    for s in socks:
        s.close()


if __name__ == "__main__":
    main()
