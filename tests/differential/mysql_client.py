"""A minimal MySQL/MariaDB protocol client (standard library only).

Enough for the differential runner: TCP connect, mysql_native_password
authentication (with auth switch), COM_QUERY with text result sets, OK and
ERR packets. Values come back as str (utf8mb4 text as sent by the server) or
None for SQL NULL, so NULL and the string 'NULL' stay distinct.

    conn = Connection("127.0.0.1", 3306, "root", "secret", database="db")
    result = conn.query("SELECT 1")   # Result(rows=[('1',)], ...)
    conn.close()

Errors from the server are returned in Result.error as (errno, sqlstate,
message); connection problems raise ProtocolError.
"""

import hashlib
import socket
import struct

CLIENT_LONG_PASSWORD = 1
CLIENT_FOUND_ROWS = 2
CLIENT_LONG_FLAG = 4
CLIENT_CONNECT_WITH_DB = 8
CLIENT_PROTOCOL_41 = 512
CLIENT_TRANSACTIONS = 8192
CLIENT_SECURE_CONNECTION = 32768
CLIENT_MULTI_RESULTS = 1 << 17
CLIENT_PLUGIN_AUTH = 1 << 19
UTF8MB4_GENERAL_CI = 45
COM_QUIT = 1
COM_QUERY = 3


class ProtocolError(Exception):
    pass


class Result:
    """One statement's outcome: rows, or an OK packet, or an error."""

    def __init__(self):
        self.columns = []  # column names
        self.rows = None  # list of tuples for result sets, else None
        self.affected_rows = 0
        self.last_insert_id = 0
        self.error = None  # (errno, sqlstate, message)

    def __repr__(self):
        if self.error:
            return "Result(error=%r)" % (self.error,)
        if self.rows is not None:
            return "Result(rows=%r)" % (self.rows,)
        return "Result(affected=%d)" % self.affected_rows


def native_password(password, scramble):
    if not password:
        return b""
    h1 = hashlib.sha1(password.encode("utf-8")).digest()
    h2 = hashlib.sha1(h1).digest()
    h3 = hashlib.sha1(scramble + h2).digest()
    return bytes(a ^ b for a, b in zip(h1, h3))


def _lenenc_int(data, pos):
    first = data[pos]
    if first < 0xFB:
        return first, pos + 1
    if first == 0xFC:
        return struct.unpack_from("<H", data, pos + 1)[0], pos + 3
    if first == 0xFD:
        return int.from_bytes(data[pos + 1:pos + 4], "little"), pos + 4
    if first == 0xFE:
        return struct.unpack_from("<Q", data, pos + 1)[0], pos + 9
    raise ProtocolError("bad length-encoded integer 0x%02x" % first)


def _lenenc_str(data, pos):
    n, pos = _lenenc_int(data, pos)
    return data[pos:pos + n], pos + n


class Connection:

    def __init__(self, host, port, user, password, database=None,
                 timeout=120):
        self.sock = socket.create_connection((host, port), timeout=timeout)
        self.seq = 0
        self._handshake(user, password, database)

    # -- packets -------------------------------------------------------------

    def _recv_exact(self, n):
        buf = b""
        while len(buf) < n:
            chunk = self.sock.recv(n - len(buf))
            if not chunk:
                raise ProtocolError("connection closed by the server")
            buf += chunk
        return buf

    def _read(self):
        payload = b""
        while True:
            header = self._recv_exact(4)
            length = int.from_bytes(header[:3], "little")
            self.seq = (header[3] + 1) & 0xFF
            payload += self._recv_exact(length)
            if length < 0xFFFFFF:
                return payload

    def _write(self, payload):
        while True:
            part, payload = payload[:0xFFFFFF], payload[0xFFFFFF:]
            self.sock.sendall(len(part).to_bytes(3, "little") +
                              bytes([self.seq]) + part)
            self.seq = (self.seq + 1) & 0xFF
            if len(part) < 0xFFFFFF:
                return

    # -- connection phase ----------------------------------------------------

    def _handshake(self, user, password, database):
        data = self._read()
        if data[0] == 0xFF:
            raise ProtocolError("server refused: %r" % data[3:])
        if data[0] != 10:
            raise ProtocolError("unsupported protocol version %d" % data[0])
        pos = data.index(b"\0", 1) + 1  # server version
        pos += 4  # connection id
        scramble = data[pos:pos + 8]
        pos += 9  # scramble part 1 + filler
        caps = struct.unpack_from("<H", data, pos)[0]
        pos += 2
        if len(data) > pos:
            pos += 3  # charset, status
            caps |= struct.unpack_from("<H", data, pos)[0] << 16
            pos += 2
            auth_len = data[pos]
            pos += 11  # auth data length + 10 reserved bytes
            if caps & CLIENT_SECURE_CONNECTION:
                n = max(13, auth_len - 8)
                scramble += data[pos:pos + n].rstrip(b"\0")
                pos += n
        if not caps & CLIENT_PROTOCOL_41:
            raise ProtocolError("server lacks CLIENT_PROTOCOL_41")
        flags = (CLIENT_LONG_PASSWORD | CLIENT_LONG_FLAG | CLIENT_PROTOCOL_41 |
                 CLIENT_TRANSACTIONS | CLIENT_SECURE_CONNECTION |
                 CLIENT_MULTI_RESULTS | CLIENT_PLUGIN_AUTH)
        if database:
            flags |= CLIENT_CONNECT_WITH_DB
        auth = native_password(password, scramble)
        resp = struct.pack("<IIB", flags, 1 << 24, UTF8MB4_GENERAL_CI)
        resp += b"\0" * 23 + user.encode("utf-8") + b"\0"
        resp += bytes([len(auth)]) + auth
        if database:
            resp += database.encode("utf-8") + b"\0"
        resp += b"mysql_native_password\0"
        self._write(resp)
        reply = self._read()
        if reply[0] == 0xFE:  # auth switch request
            end = reply.index(b"\0", 1)
            plugin = reply[1:end].decode()
            if plugin != "mysql_native_password":
                raise ProtocolError("unsupported auth plugin %s" % plugin)
            self._write(native_password(password,
                                        reply[end + 1:].rstrip(b"\0")))
            reply = self._read()
        if reply[0] == 0xFF:
            raise ProtocolError("login failed: %r" % (_error(reply),))
        if reply[0] != 0:
            raise ProtocolError("unexpected reply to login: 0x%02x" % reply[0])

    # -- queries -------------------------------------------------------------

    def query(self, sql):
        """Runs one statement; returns a Result (the last one of several)."""
        self.seq = 0
        self._write(bytes([COM_QUERY]) + sql.encode("utf-8"))
        while True:
            result, more = self._read_result()
            if not more:
                return result

    def _read_result(self):
        result = Result()
        data = self._read()
        if data[0] == 0xFF:
            result.error = _error(data)
            return result, False
        if data[0] == 0x00:
            result.affected_rows, pos = _lenenc_int(data, 1)
            result.last_insert_id, pos = _lenenc_int(data, pos)
            status = struct.unpack_from("<H", data, pos)[0]
            return result, bool(status & 8)  # SERVER_MORE_RESULTS_EXISTS
        if data[0] == 0xFB:
            raise ProtocolError("LOCAL INFILE requests are not supported")
        ncols, _ = _lenenc_int(data, 0)
        for _ in range(ncols):
            col = self._read()
            pos = 0
            fields = []
            for _ in range(6):  # catalog, schema, table, org_table, name, org
                value, pos = _lenenc_str(col, pos)
                fields.append(value)
            result.columns.append(fields[4].decode("utf-8", "replace"))
        eof = self._read()
        if eof[0] != 0xFE:
            raise ProtocolError("expected EOF after column definitions")
        result.rows = []
        while True:
            row = self._read()
            if row[0] == 0xFE and len(row) < 9:
                status = struct.unpack_from("<H", row, 3)[0]
                return result, bool(status & 8)
            if row[0] == 0xFF:
                result.error = _error(row)
                result.rows = None
                return result, False
            values, pos = [], 0
            for _ in range(ncols):
                if row[pos] == 0xFB:
                    values.append(None)
                    pos += 1
                else:
                    raw, pos = _lenenc_str(row, pos)
                    values.append(raw.decode("utf-8", "surrogateescape"))
            result.rows.append(tuple(values))

    def close(self):
        try:
            self.seq = 0
            self._write(bytes([COM_QUIT]))
        except OSError:
            pass
        self.sock.close()


def _error(data):
    errno = struct.unpack_from("<H", data, 1)[0]
    if data[3:4] == b"#":
        return errno, data[4:9].decode(), data[9:].decode("utf-8", "replace")
    return errno, "", data[3:].decode("utf-8", "replace")
