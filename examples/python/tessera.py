"""Tessera's embedded router for Python, over libtessera.so's C ABI (ctypes).

A DB-API 2.0 flavoured interface (PEP 249)::

    import tessera
    conn = tessera.connect(
        vschema=open("vschema.json").read(),
        shards=["commerce/-80=127.0.0.1:3306", "commerce/80-=127.0.0.1:3307"],
        user="root", password="secret", target="commerce")
    cur = conn.cursor()
    cur.execute("SELECT name FROM customer WHERE id = ?", (42,))
    print(cur.fetchall())
    conn.close()

Semantics:
- paramstyle is "qmark": `?` placeholders, values bound in order.
- The router runs each statement in autocommit mode unless a transaction is
  opened with Connection.begin(); commit() and rollback() end it (and do
  nothing when none is open).
- Errors raise the PEP 249 exception classes below; every one carries
  `errno` (MySQL error number) and `sqlstate`. Statements Tessera cannot
  run correctly across shards raise NotSupportedError (errno 1235).
- threadsafety = 1: threads may share the module and a Router, not a
  Connection. Router.connect() gives each thread its own connection over one
  shared router (one pool of shard connections).

The library is found through the TESSERA_LIBRARY environment variable (a
path), then the system's library search (ctypes.util.find_library).
"""

import ctypes
import ctypes.util
import datetime
import decimal
import os

apilevel = "2.0"
threadsafety = 1
paramstyle = "qmark"

__all__ = [
    "connect", "Router", "Connection", "Cursor", "Error", "Warning",
    "InterfaceError", "DatabaseError", "DataError", "OperationalError",
    "IntegrityError", "InternalError", "ProgrammingError",
    "NotSupportedError", "TXN_SINGLE", "TXN_MULTI", "TXN_TWOPC",
]

TXN_SINGLE, TXN_MULTI, TXN_TWOPC = 0, 1, 2


# ---- Exceptions (PEP 249) ------------------------------------------------

class Warning(Exception):  # noqa: A001 (the name PEP 249 prescribes)
    pass


class Error(Exception):
    """A Tessera error: `errno`, `sqlstate` and `msg` as MariaDB reports."""

    def __init__(self, msg, errno=None, sqlstate=None):
        super().__init__(f"({errno}, {sqlstate}) {msg}" if errno else msg)
        self.msg = msg
        self.errno = errno
        self.sqlstate = sqlstate


class InterfaceError(Error):
    pass


class DatabaseError(Error):
    pass


class DataError(DatabaseError):
    pass


class OperationalError(DatabaseError):
    pass


class IntegrityError(DatabaseError):
    pass


class InternalError(DatabaseError):
    pass


class ProgrammingError(DatabaseError):
    pass


class NotSupportedError(DatabaseError):
    pass


def _error_class(errno, sqlstate):
    if errno == 1235:
        return NotSupportedError
    if errno == 1210:
        return ProgrammingError
    klass = sqlstate[:2]
    if klass == "23":
        return IntegrityError
    if klass == "22":
        return DataError
    if klass in ("42", "3D", "3F"):
        return ProgrammingError
    if klass in ("08", "HY", "70", "40", "28"):
        return OperationalError
    return DatabaseError


# ---- The C library ---------------------------------------------------------

_P = ctypes.c_void_p
_ERR = ctypes.POINTER(ctypes.c_char_p)
_SIZE = ctypes.c_size_t
_SIGNATURES = {
    # name: (restype, argtypes)
    "tessera_version": (ctypes.c_char_p, []),
    "tessera_abi_version": (ctypes.c_int, []),
    "tessera_free": (None, [_P]),
    "tessera_errno": (ctypes.c_uint16, [_P]),
    "tessera_sqlstate": (None, [_P, ctypes.c_char_p]),
    "tessera_errmsg": (ctypes.c_char_p, [_P]),
    "tessera_options_create": (_P, []),
    "tessera_options_destroy": (None, [_P]),
    "tessera_options_set_topo_url": (None, [_P, ctypes.c_char_p, _SIZE]),
    "tessera_options_set_cell": (None, [_P, ctypes.c_char_p, _SIZE]),
    "tessera_options_set_vschema_json": (None, [_P, ctypes.c_char_p, _SIZE]),
    "tessera_options_add_shard": (None, [
        _P, ctypes.c_char_p, _SIZE, ctypes.c_char_p, _SIZE, ctypes.c_char_p,
        _SIZE, ctypes.c_int, ctypes.c_char_p, _SIZE]),
    "tessera_options_set_credentials": (None, [
        _P, ctypes.c_char_p, _SIZE, ctypes.c_char_p, _SIZE]),
    "tessera_options_set_tls": (None, [
        _P, ctypes.c_ubyte, ctypes.c_char_p, _SIZE, ctypes.c_char_p, _SIZE,
        ctypes.c_char_p, _SIZE, ctypes.c_ubyte]),
    "tessera_options_set_max_connections_per_shard": (
        None, [_P, ctypes.c_int]),
    "tessera_options_set_query_timeout_ms": (None, [_P, ctypes.c_int64]),
    "tessera_options_set_transaction_mode": (None, [_P, ctypes.c_int]),
    "tessera_router_create": (_P, [_P, _P]),
    "tessera_router_destroy": (None, [_P]),
    "tessera_session_create": (_P, [_P, ctypes.c_char_p, _SIZE, _P]),
    "tessera_session_destroy": (None, [_P]),
    "tessera_session_in_transaction": (ctypes.c_ubyte, [_P]),
    "tessera_session_last_insert_id": (ctypes.c_uint64, [_P]),
    "tessera_session_warning_count": (_SIZE, [_P]),
    "tessera_session_warning": (ctypes.c_ubyte, [
        _P, _SIZE, ctypes.POINTER(ctypes.c_uint16),
        ctypes.POINTER(ctypes.c_char_p), ctypes.POINTER(_P),
        ctypes.POINTER(_SIZE)]),
    "tessera_params_create": (_P, []),
    "tessera_params_destroy": (None, [_P]),
    "tessera_params_add_null": (None, [_P]),
    "tessera_params_add_int": (None, [_P, ctypes.c_int64]),
    "tessera_params_add_uint": (None, [_P, ctypes.c_uint64]),
    "tessera_params_add_double": (None, [_P, ctypes.c_double]),
    "tessera_params_add_decimal": (None, [_P, ctypes.c_char_p, _SIZE]),
    "tessera_params_add_string": (None, [_P, ctypes.c_char_p, _SIZE]),
    "tessera_params_add_binary": (None, [_P, ctypes.c_char_p, _SIZE]),
    "tessera_execute": (_P, [_P, ctypes.c_char_p, _SIZE, _P, _P]),
    "tessera_begin": (None, [_P, _P]),
    "tessera_commit": (None, [_P, _P]),
    "tessera_rollback": (None, [_P, _P]),
    "tessera_result_destroy": (None, [_P]),
    "tessera_result_column_count": (_SIZE, [_P]),
    "tessera_result_column_name": (_P, [_P, _SIZE, ctypes.POINTER(_SIZE)]),
    "tessera_result_column_type": (ctypes.c_int, [_P, _SIZE]),
    "tessera_result_column_flags": (ctypes.c_uint32, [_P, _SIZE]),
    "tessera_result_column_charset": (ctypes.c_uint16, [_P, _SIZE]),
    "tessera_result_row_count": (ctypes.c_uint64, [_P]),
    "tessera_result_cell": (_P, [_P, ctypes.c_uint64, _SIZE,
                                 ctypes.POINTER(_SIZE)]),
    "tessera_result_affected_rows": (ctypes.c_uint64, [_P]),
    "tessera_result_last_insert_id": (ctypes.c_uint64, [_P]),
    "tessera_result_warning_count": (ctypes.c_uint16, [_P]),
}


def _load(path=None):
    path = path or os.environ.get("TESSERA_LIBRARY") or \
        ctypes.util.find_library("tessera")
    if not path:
        raise InterfaceError("libtessera.so not found: set TESSERA_LIBRARY")
    lib = ctypes.CDLL(path)
    for name, (restype, argtypes) in _SIGNATURES.items():
        fn = getattr(lib, name)
        fn.restype = restype
        fn.argtypes = argtypes
    if lib.tessera_abi_version() != 1:
        raise InterfaceError("incompatible libtessera C ABI version")
    return lib


_libs = {}


def _lib(path=None):
    key = path or ""
    if key not in _libs:
        _libs[key] = _load(path)
    return _libs[key]


class _ErrPtr:
    """A `char** errptr` argument; raise_if_set() turns it into Error."""

    def __init__(self, lib):
        self._lib = lib
        self.ptr = ctypes.c_void_p()

    @property
    def ref(self):
        return ctypes.byref(self.ptr)

    def raise_if_set(self):
        if not self.ptr:
            return
        state = ctypes.create_string_buffer(6)
        lib = self._lib
        errno = lib.tessera_errno(self.ptr)
        lib.tessera_sqlstate(self.ptr, state)
        msg = lib.tessera_errmsg(self.ptr).decode("utf-8", "replace")
        lib.tessera_free(self.ptr)
        self.ptr = ctypes.c_void_p()
        sqlstate = state.value.decode()
        raise _error_class(errno, sqlstate)(msg, errno, sqlstate)


def _b(s):
    return s.encode("utf-8") if isinstance(s, str) else s


def _parse_shard(spec):
    """'ks/-80=host:port[@type]' -> (ks, shard, host, port, type)."""
    try:
        where, addr = spec.split("=", 1)
        ks, shard = where.split("/", 1)
        ttype = "primary"
        if "@" in addr:
            addr, ttype = addr.split("@", 1)
        host, port = addr.rsplit(":", 1)
        return ks, shard, host, int(port), ttype
    except ValueError:
        raise InterfaceError(
            f"bad shard {spec!r}: want keyspace/shard=host:port") from None


# ---- Router, Connection, Cursor --------------------------------------------

class Router:
    """A router over shards; thread-safe, share one per process."""

    def __init__(self, vschema=None, shards=(), user="root", password="",
                 topo_url=None, cell=None, transaction_mode=TXN_MULTI,
                 max_connections_per_shard=None, query_timeout_ms=None,
                 tls=None, library=None):
        self._lib = lib = _lib(library)
        self._handle = None
        opts = lib.tessera_options_create()
        try:
            if vschema is not None:
                v = _b(vschema)
                lib.tessera_options_set_vschema_json(opts, v, len(v))
            if topo_url is not None:
                u = _b(topo_url)
                lib.tessera_options_set_topo_url(opts, u, len(u))
            if cell is not None:
                c = _b(cell)
                lib.tessera_options_set_cell(opts, c, len(c))
            for spec in shards:
                ks, shard, host, port, ttype = (
                    _parse_shard(spec) if isinstance(spec, str) else spec)
                ks, shard, host, ttype = map(_b, (ks, shard, host, ttype))
                lib.tessera_options_add_shard(
                    opts, ks, len(ks), shard, len(shard), host, len(host),
                    port, ttype, len(ttype))
            u, p = _b(user), _b(password)
            lib.tessera_options_set_credentials(opts, u, len(u), p, len(p))
            if tls:
                files = [_b(tls.get(k) or "") for k in ("ca", "cert", "key")]
                lib.tessera_options_set_tls(
                    opts, 1, files[0], len(files[0]), files[1], len(files[1]),
                    files[2], len(files[2]), 1 if tls.get("verify", 1) else 0)
            if max_connections_per_shard is not None:
                lib.tessera_options_set_max_connections_per_shard(
                    opts, max_connections_per_shard)
            if query_timeout_ms is not None:
                lib.tessera_options_set_query_timeout_ms(
                    opts, query_timeout_ms)
            lib.tessera_options_set_transaction_mode(opts, transaction_mode)
            err = _ErrPtr(lib)
            self._handle = lib.tessera_router_create(opts, err.ref)
            err.raise_if_set()
        finally:
            lib.tessera_options_destroy(opts)

    def connect(self, target=""):
        """A new Connection (its own session) on this router."""
        return Connection(self, target, owns_router=False)

    def close(self):
        if getattr(self, "_handle", None):
            self._lib.tessera_router_destroy(self._handle)
            self._handle = None

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    def __del__(self):
        self.close()


def connect(vschema=None, shards=(), user="root", password="", target="",
            **router_options):
    """A Connection with a router of its own (see Router for options)."""
    router = Router(vschema, shards, user, password, **router_options)
    try:
        return Connection(router, target, owns_router=True)
    except Exception:
        router.close()
        raise


class Connection:
    def __init__(self, router, target="", owns_router=False):
        if not router._handle:
            raise InterfaceError("router is closed")
        self._router = router
        self._owns_router = owns_router
        self._lib = lib = router._lib
        t = _b(target)
        err = _ErrPtr(lib)
        self._session = lib.tessera_session_create(
            router._handle, t, len(t), err.ref)
        err.raise_if_set()

    def _check(self):
        if not self._session:
            raise InterfaceError("connection is closed")

    def cursor(self):
        self._check()
        return Cursor(self)

    @property
    def in_transaction(self):
        self._check()
        return bool(self._lib.tessera_session_in_transaction(self._session))

    def show_warnings(self):
        """Warnings of the last statement: [(level, code, message)]."""
        self._check()
        lib, out = self._lib, []
        code, level = ctypes.c_uint16(), ctypes.c_char_p()
        msg, n = ctypes.c_void_p(), _SIZE()
        for i in range(lib.tessera_session_warning_count(self._session)):
            if lib.tessera_session_warning(
                    self._session, i, ctypes.byref(code), ctypes.byref(level),
                    ctypes.byref(msg), ctypes.byref(n)):
                out.append((level.value.decode(), code.value,
                            ctypes.string_at(msg, n.value).decode(
                                "utf-8", "replace")))
        return out

    def begin(self):
        self._control(self._lib.tessera_begin)

    def commit(self):
        if self.in_transaction:
            self._control(self._lib.tessera_commit)

    def rollback(self):
        if self.in_transaction:
            self._control(self._lib.tessera_rollback)

    def _control(self, fn):
        self._check()
        err = _ErrPtr(self._lib)
        fn(self._session, err.ref)
        err.raise_if_set()

    def close(self):
        """Closes the session (an open transaction is rolled back)."""
        if getattr(self, "_session", None):
            self._lib.tessera_session_destroy(self._session)
            self._session = None
            if self._owns_router:
                self._router.close()

    def __enter__(self):
        return self

    def __exit__(self, exc_type, *exc):
        if self._session:
            (self.rollback if exc_type else self.commit)()
        self.close()

    def __del__(self):
        self.close()


def _add_param(lib, params, v):
    if v is None:
        lib.tessera_params_add_null(params)
    elif isinstance(v, bool):
        lib.tessera_params_add_int(params, int(v))
    elif isinstance(v, int):
        if -(1 << 63) <= v < (1 << 63):
            lib.tessera_params_add_int(params, v)
        elif 0 <= v < (1 << 64):
            lib.tessera_params_add_uint(params, v)
        else:
            raise DataError(f"integer out of range: {v}", 1264, "22003")
    elif isinstance(v, float):
        lib.tessera_params_add_double(params, v)
    elif isinstance(v, decimal.Decimal):
        s = _b(format(v, "f"))
        lib.tessera_params_add_decimal(params, s, len(s))
    elif isinstance(v, str):
        s = _b(v)
        lib.tessera_params_add_string(params, s, len(s))
    elif isinstance(v, (bytes, bytearray, memoryview)):
        s = bytes(v)
        lib.tessera_params_add_binary(params, s, len(s))
    elif isinstance(v, (datetime.datetime, datetime.date, datetime.time)):
        s = _b(v.isoformat(sep=" ") if isinstance(v, datetime.datetime)
               else v.isoformat())
        lib.tessera_params_add_string(params, s, len(s))
    else:
        raise ProgrammingError(f"cannot bind a {type(v).__name__}", 1210,
                               "HY000")


_INT_TYPES = {1, 2, 3, 8, 9, 13}
_FLOAT_TYPES = {4, 5}
_DECIMAL_TYPES = {0, 246}
_DATE, _DATETIME_TYPES = 10, {7, 12}


def _converter(type_code, charset):
    if type_code in _INT_TYPES:
        return int
    if type_code in _FLOAT_TYPES:
        return float
    if type_code in _DECIMAL_TYPES:
        return lambda b: decimal.Decimal(b.decode())
    if type_code == _DATE:
        return lambda b: _parse_time(b, datetime.date.fromisoformat)
    if type_code in _DATETIME_TYPES:
        return lambda b: _parse_time(b, datetime.datetime.fromisoformat)
    if charset == 63:
        return bytes
    return lambda b: b.decode("utf-8", "surrogateescape")


def _parse_time(b, parse):
    s = b.decode()
    try:
        return parse(s)
    except ValueError:  # zero dates such as 0000-00-00
        return s


class Cursor:
    arraysize = 1

    def __init__(self, connection):
        self.connection = connection
        self.description = None
        self.rowcount = -1
        self.lastrowid = None
        self.warning_count = 0
        self._rows = []
        self._pos = 0

    def close(self):
        self.connection = None

    def execute(self, operation, parameters=None):
        conn = self.connection
        if conn is None:
            raise InterfaceError("cursor is closed")
        conn._check()
        lib = conn._lib
        sql = _b(operation)
        params = None
        err = _ErrPtr(lib)
        try:
            if parameters:
                params = lib.tessera_params_create()
                for v in parameters:
                    _add_param(lib, params, v)
            res = lib.tessera_execute(conn._session, sql, len(sql), params,
                                      err.ref)
        finally:
            if params:
                lib.tessera_params_destroy(params)
        err.raise_if_set()
        try:
            self._read(lib, res)
        finally:
            lib.tessera_result_destroy(res)
        return self

    def _read(self, lib, res):
        ncols = lib.tessera_result_column_count(res)
        n = _SIZE()
        self._rows, self._pos = [], 0
        self.lastrowid = lib.tessera_result_last_insert_id(res) or None
        self.warning_count = lib.tessera_result_warning_count(res)
        if ncols == 0:
            self.description = None
            self.rowcount = lib.tessera_result_affected_rows(res)
            return
        desc, convs = [], []
        for c in range(ncols):
            p = lib.tessera_result_column_name(res, c, ctypes.byref(n))
            name = ctypes.string_at(p, n.value).decode("utf-8", "replace")
            type_code = lib.tessera_result_column_type(res, c)
            null_ok = not (lib.tessera_result_column_flags(res, c) & 1)
            desc.append((name, type_code, None, None, None, None, null_ok))
            convs.append(_converter(type_code,
                                    lib.tessera_result_column_charset(res, c)))
        self.description = desc
        nrows = lib.tessera_result_row_count(res)
        cell = lib.tessera_result_cell
        for r in range(nrows):
            row = []
            for c in range(ncols):
                p = cell(res, r, c, ctypes.byref(n))
                row.append(None if p is None
                           else convs[c](ctypes.string_at(p, n.value)))
            self._rows.append(tuple(row))
        self.rowcount = nrows

    def executemany(self, operation, seq_of_parameters):
        total = 0
        for parameters in seq_of_parameters:
            self.execute(operation, parameters)
            total += max(self.rowcount, 0)
        self.rowcount = total
        return self

    def fetchone(self):
        self._need_rows()
        if self._pos >= len(self._rows):
            return None
        self._pos += 1
        return self._rows[self._pos - 1]

    def fetchmany(self, size=None):
        self._need_rows()
        size = self.arraysize if size is None else size
        out = self._rows[self._pos:self._pos + size]
        self._pos += len(out)
        return out

    def fetchall(self):
        self._need_rows()
        out = self._rows[self._pos:]
        self._pos = len(self._rows)
        return out

    def _need_rows(self):
        if self.description is None:
            raise ProgrammingError("no result set to fetch from")

    def __iter__(self):
        return iter(self.fetchone, None)

    def setinputsizes(self, sizes):
        pass

    def setoutputsize(self, size, column=None):
        pass

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()


def version(library=None):
    """libtessera's version string."""
    return _lib(library).tessera_version().decode()
