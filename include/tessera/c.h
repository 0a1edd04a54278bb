/* The C ABI of libtessera: the embedded router for any language that can
 * call C (Python ctypes, Go cgo, Rust, Java FFM, ...).
 *
 *   char* err = NULL;
 *   tessera_options_t* o = tessera_options_create();
 *   tessera_options_set_vschema_json(o, json, strlen(json));
 *   tessera_options_add_shard(o, "ks", 2, "-80", 3, "127.0.0.1", 9, 3306,
 *                             NULL, 0);
 *   tessera_options_set_credentials(o, "root", 4, pw, strlen(pw));
 *   tessera_router_t* r = tessera_router_create(o, &err);
 *   tessera_options_destroy(o);
 *   if (err != NULL) { ...; tessera_free(err); }
 *   tessera_session_t* s = tessera_session_create(r, "ks", 2, &err);
 *   tessera_result_t* res = tessera_execute(s, sql, len, NULL, &err);
 *   while (tessera_result_next(res)) {
 *     size_t n;
 *     const char* v = tessera_result_value(res, 0, &n);  (NULL for SQL NULL)
 *   }
 *   tessera_result_destroy(res);
 *   tessera_session_destroy(s);
 *   tessera_router_destroy(r);
 *
 * Contract
 * - Ownership: every object returned by a `_create` function (and every
 *   result returned by tessera_execute) is owned by the caller and released
 *   with the matching `_destroy`. Sessions must be destroyed before their
 *   router; results do not reference their session or router and may outlive
 *   both. Buffers this API allocates for the caller (error messages, the
 *   string from tessera_session_target) are released with tessera_free().
 *   Pointers returned as `const char*` point into the object they were read
 *   from and stay valid until that object is destroyed (or, for session
 *   warnings, until the session's next statement).
 * - Strings are passed as pointer + length and need not be NUL-terminated;
 *   they may contain NUL bytes. Returned `const char*` values are also
 *   NUL-terminated for convenience.
 * - Errors: functions that can fail take `char** errptr` last. On success
 *   they leave *errptr unchanged; on failure they free any message already
 *   in *errptr (with tessera_free) and store a new one, formatted
 *   "ERROR <errno> (<sqlstate>): <message>" as the mariadb client prints it.
 *   tessera_errno(), tessera_sqlstate() and tessera_errmsg() take it apart.
 *   Queries Tessera cannot run correctly across shards fail with errno 1235
 *   (SQLSTATE 42000); invalid arguments with 1210 (HY000).
 * - No C++ exception crosses this API; every function is noexcept when
 *   compiled as C++.
 * - Threads: a router is thread-safe and meant to be shared. A session and
 *   the objects it returns belong to one thread at a time: calls on the
 *   same session must not overlap, different sessions may run concurrently.
 *   A result may be read from any thread, but not concurrently with its
 *   own tessera_result_next. Options and params objects are plain values:
 *   not safe to modify concurrently, safe to read from several threads.
 */
#ifndef TESSERA_INCLUDE_TESSERA_C_H_
#define TESSERA_INCLUDE_TESSERA_C_H_

#include <stddef.h>
#include <stdint.h>

#if defined(_WIN32)
#define TESSERA_EXPORT __declspec(dllexport)
#else
#define TESSERA_EXPORT __attribute__((visibility("default")))
#endif

#ifdef __cplusplus
#define TESSERA_NOEXCEPT noexcept
extern "C" {
#else
#define TESSERA_NOEXCEPT
#endif

typedef struct tessera_options_t tessera_options_t;
typedef struct tessera_router_t tessera_router_t;
typedef struct tessera_session_t tessera_session_t;
typedef struct tessera_params_t tessera_params_t;
typedef struct tessera_result_t tessera_result_t;

/* ---- Library --------------------------------------------------------- */
/* Thread safety: every function in this section is thread-safe. */

/* The library version, e.g. "0.1.0". Static storage: do not free.
 * Thread-safe. */
TESSERA_EXPORT const char* tessera_version(void) TESSERA_NOEXCEPT;

/* Major version of the C ABI; bumped only by incompatible changes. */
#define TESSERA_C_ABI_VERSION 1
TESSERA_EXPORT int tessera_abi_version(void) TESSERA_NOEXCEPT;

/* Frees a buffer this API returned to the caller (error messages, session
 * target). NULL is ignored. Thread-safe. */
TESSERA_EXPORT void tessera_free(void* ptr) TESSERA_NOEXCEPT;

/* The MySQL errno in an error message from this API (1105 if it has none,
 * 0 for NULL). Thread-safe. */
TESSERA_EXPORT uint16_t tessera_errno(const char* err) TESSERA_NOEXCEPT;

/* Writes the 5-character SQLSTATE of `err` and a NUL into `sqlstate`
 * ("HY000" if it has none, "00000" for NULL). Thread-safe. */
TESSERA_EXPORT void tessera_sqlstate(const char* err,
                                     char sqlstate[6]) TESSERA_NOEXCEPT;

/* The message part of `err` (a pointer into it; "" for NULL). */
TESSERA_EXPORT const char* tessera_errmsg(const char* err) TESSERA_NOEXCEPT;

/* ---- Options ----------------------------------------------------------- */
/* Thread safety: setters modify the options object: one thread at a time
 * per object; different objects are independent. */

/* Router options with the defaults of tessera::RouterOptions (user "root",
 * no password, no TLS, transaction mode multi). */
TESSERA_EXPORT tessera_options_t* tessera_options_create(void) TESSERA_NOEXCEPT;
TESSERA_EXPORT void tessera_options_destroy(tessera_options_t* options)
    TESSERA_NOEXCEPT;

/* A topology service: "rocksdb:///path", "etcd://h:p/root", "memory://". */
TESSERA_EXPORT void tessera_options_set_topo_url(
    tessera_options_t* options, const char* url,
    size_t url_len) TESSERA_NOEXCEPT;
TESSERA_EXPORT void tessera_options_set_cell(tessera_options_t* options,
                                             const char* cell,
                                             size_t cell_len) TESSERA_NOEXCEPT;

/* ... or a static cluster: Vitess-format VSchema JSON for every keyspace
 * ({"keyspaces": {...}}) and one tessera_options_add_shard per shard. */
TESSERA_EXPORT void tessera_options_set_vschema_json(
    tessera_options_t* options, const char* json,
    size_t json_len) TESSERA_NOEXCEPT;

/* `shard` is a Vitess shard name ("-80", "80-", "-" when unsharded);
 * `tablet_type` is "primary" (also when NULL), "replica" or "rdonly". */
TESSERA_EXPORT void tessera_options_add_shard(
    tessera_options_t* options, const char* keyspace, size_t keyspace_len,
    const char* shard, size_t shard_len, const char* host, size_t host_len,
    int port, const char* tablet_type, size_t tablet_type_len) TESSERA_NOEXCEPT;

/* Credentials the router uses on the shards' MariaDB servers. */
TESSERA_EXPORT void tessera_options_set_credentials(
    tessera_options_t* options, const char* user, size_t user_len,
    const char* password, size_t password_len) TESSERA_NOEXCEPT;

/* TLS to the shards. Files may be NULL (length ignored) when unused. */
TESSERA_EXPORT void tessera_options_set_tls(
    tessera_options_t* options, unsigned char enabled, const char* ca_file,
    size_t ca_len, const char* cert_file, size_t cert_len, const char* key_file,
    size_t key_len, unsigned char verify_server_certificate) TESSERA_NOEXCEPT;

TESSERA_EXPORT void tessera_options_set_max_connections_per_shard(
    tessera_options_t* options, int n) TESSERA_NOEXCEPT;
TESSERA_EXPORT void tessera_options_set_query_timeout_ms(
    tessera_options_t* options, int64_t ms) TESSERA_NOEXCEPT;
TESSERA_EXPORT void tessera_options_set_max_result_rows(
    tessera_options_t* options, uint64_t rows) TESSERA_NOEXCEPT;
TESSERA_EXPORT void tessera_options_set_max_result_bytes(
    tessera_options_t* options, uint64_t bytes) TESSERA_NOEXCEPT;

enum {
  TESSERA_TXN_SINGLE = 0, /* a transaction touching a second shard fails */
  TESSERA_TXN_MULTI = 1,  /* commit shard by shard */
  TESSERA_TXN_TWOPC = 2   /* atomic two-phase commit */
};
/* Unknown modes are reported by tessera_router_create (1210). */
TESSERA_EXPORT void tessera_options_set_transaction_mode(
    tessera_options_t* options, int mode) TESSERA_NOEXCEPT;

/* ---- Router and sessions ---------------------------------------------- */
/* Thread safety: tessera_router_create, tessera_session_create (on a
 * shared router) and the destroy functions of different objects may run on
 * any threads at once. tessera_router_destroy must not race with any other
 * use of that router. The tessera_session_* getters must not overlap with a
 * statement on the same session. */

/* Creates a router from `options` (copied: the options may be destroyed
 * right after). Returns NULL and sets *errptr on failure (bad VSchema,
 * unknown transaction mode, unsupported topology URL...). */
TESSERA_EXPORT tessera_router_t* tessera_router_create(
    const tessera_options_t* options, char** errptr) TESSERA_NOEXCEPT;

/* Destroys the router and its shard connections. Every session must have
 * been destroyed. NULL is ignored. */
TESSERA_EXPORT void tessera_router_destroy(tessera_router_t* router)
    TESSERA_NOEXCEPT;

/* A client session with a target as in USE: "" (none), "ks", "ks:-80",
 * "ks@replica". Thread-safe (on the router). Returns NULL and sets *errptr
 * on a malformed target. */
TESSERA_EXPORT tessera_session_t* tessera_session_create(
    tessera_router_t* router, const char* target, size_t target_len,
    char** errptr) TESSERA_NOEXCEPT;

/* Destroys the session, rolling back an open transaction. NULL ignored. */
TESSERA_EXPORT void tessera_session_destroy(tessera_session_t* session)
    TESSERA_NOEXCEPT;

/* The session's current target (after USE); free with tessera_free. */
TESSERA_EXPORT char* tessera_session_target(const tessera_session_t* session,
                                            size_t* len) TESSERA_NOEXCEPT;
TESSERA_EXPORT unsigned char tessera_session_in_transaction(
    const tessera_session_t* session) TESSERA_NOEXCEPT;
TESSERA_EXPORT uint64_t tessera_session_last_insert_id(
    const tessera_session_t* session) TESSERA_NOEXCEPT;

/* Warnings of the session's last statement. `level` is "Note", "Warning"
 * or "Error"; both pointers stay valid until the next statement on the
 * session. Out-of-range `i` returns 0 and leaves the outputs unset. */
TESSERA_EXPORT size_t tessera_session_warning_count(
    const tessera_session_t* session) TESSERA_NOEXCEPT;
TESSERA_EXPORT unsigned char tessera_session_warning(
    const tessera_session_t* session, size_t i, uint16_t* code,
    const char** level, const char** message,
    size_t* message_len) TESSERA_NOEXCEPT;

/* ---- Bind values ----------------------------------------------------- */
/* Thread safety: one thread at a time per params object; a params object
 * may be passed to tessera_execute on several sessions at once (it is only
 * read). */

/* Values for the `?` placeholders of a statement, in order. A params object
 * may be reused: tessera_params_clear empties it. */
TESSERA_EXPORT tessera_params_t* tessera_params_create(void) TESSERA_NOEXCEPT;
TESSERA_EXPORT void tessera_params_destroy(tessera_params_t* params)
    TESSERA_NOEXCEPT;
TESSERA_EXPORT void tessera_params_clear(tessera_params_t* params)
    TESSERA_NOEXCEPT;
TESSERA_EXPORT size_t tessera_params_count(const tessera_params_t* params)
    TESSERA_NOEXCEPT;
TESSERA_EXPORT void tessera_params_add_null(tessera_params_t* params)
    TESSERA_NOEXCEPT;
TESSERA_EXPORT void tessera_params_add_int(tessera_params_t* params,
                                           int64_t v) TESSERA_NOEXCEPT;
TESSERA_EXPORT void tessera_params_add_uint(tessera_params_t* params,
                                            uint64_t v) TESSERA_NOEXCEPT;
TESSERA_EXPORT void tessera_params_add_double(tessera_params_t* params,
                                              double v) TESSERA_NOEXCEPT;
/* A decimal literal such as "-12.50"; anything else fails at execution
 * (1210). */
TESSERA_EXPORT void tessera_params_add_decimal(tessera_params_t* params,
                                               const char* text,
                                               size_t len) TESSERA_NOEXCEPT;
TESSERA_EXPORT void tessera_params_add_string(tessera_params_t* params,
                                              const char* s,
                                              size_t len) TESSERA_NOEXCEPT;
TESSERA_EXPORT void tessera_params_add_binary(tessera_params_t* params,
                                              const void* data,
                                              size_t len) TESSERA_NOEXCEPT;

/* ---- Statements ------------------------------------------------------ */
/* Thread safety: calls on the same session must not overlap; different
 * sessions (on one router) run concurrently. */

/* Runs one statement (SELECT, INSERT/UPDATE/DELETE, DDL, USE, SET, SHOW,
 * BEGIN/COMMIT/ROLLBACK) on the session. `params` (NULL for none) bind the
 * `?` placeholders in order; a count mismatch fails with 1210. Returns the
 * result (caller destroys it), or NULL with *errptr set. */
TESSERA_EXPORT tessera_result_t* tessera_execute(
    tessera_session_t* session, const char* sql, size_t sql_len,
    const tessera_params_t* params, char** errptr) TESSERA_NOEXCEPT;

/* Streaming: like tessera_execute, but rows are handed to `on_row` as they
 * arrive from the shards instead of being collected, so a big result needs
 * bounded memory. `on_columns` (may be NULL) is called once before the
 * first row with a result holding only the column metadata (valid during
 * the call). `on_row` receives the row's cells: `values[i]` is NULL for SQL
 * NULL, `lengths[i]` its length; both arrays are valid only during the
 * call. A callback returning non-zero cancels the statement, which then
 * fails with errno 1317 (70100, "query execution was interrupted").
 * Returns a result with the column metadata, affected rows and last insert
 * id but no rows (tessera_result_row_count is 0), or NULL with *errptr set.
 * Callbacks run on the calling thread and must not use the same session. */
typedef int (*tessera_columns_fn)(void* ctx, const tessera_result_t* columns);
typedef int (*tessera_row_fn)(void* ctx, size_t ncols,
                              const char* const* values, const size_t* lengths);
TESSERA_EXPORT tessera_result_t* tessera_execute_stream(
    tessera_session_t* session, const char* sql, size_t sql_len,
    const tessera_params_t* params, tessera_columns_fn on_columns,
    tessera_row_fn on_row, void* ctx, char** errptr) TESSERA_NOEXCEPT;

/* Transactions: run BEGIN, COMMIT and ROLLBACK on the session. */
TESSERA_EXPORT void tessera_begin(tessera_session_t* session,
                                  char** errptr) TESSERA_NOEXCEPT;
TESSERA_EXPORT void tessera_commit(tessera_session_t* session,
                                   char** errptr) TESSERA_NOEXCEPT;
TESSERA_EXPORT void tessera_rollback(tessera_session_t* session,
                                     char** errptr) TESSERA_NOEXCEPT;

/* ---- Results ----------------------------------------------------------- */
/* Thread safety: every getter only reads, except tessera_result_next
 * (moves the row cursor, which tessera_result_value reads); concurrent
 * reads of one result are safe, concurrent with tessera_result_next are
 * not. */

TESSERA_EXPORT void tessera_result_destroy(tessera_result_t* result)
    TESSERA_NOEXCEPT;

/* 0 columns: a statement without a result set (see affected rows). */
TESSERA_EXPORT size_t
tessera_result_column_count(const tessera_result_t* result) TESSERA_NOEXCEPT;
/* Column name (NULL when `col` is out of range). */
TESSERA_EXPORT const char* tessera_result_column_name(
    const tessera_result_t* result, size_t col, size_t* len) TESSERA_NOEXCEPT;
/* Column type, numbered as MySQL's MYSQL_TYPE_* (e.g. 8 = LONGLONG,
 * 253 = VAR_STRING, 246 = NEWDECIMAL); -1 when out of range. */
TESSERA_EXPORT int tessera_result_column_type(const tessera_result_t* result,
                                              size_t col) TESSERA_NOEXCEPT;
/* Column flags as in the wire protocol (1 NOT_NULL, 32 UNSIGNED, ...). */
TESSERA_EXPORT uint32_t tessera_result_column_flags(
    const tessera_result_t* result, size_t col) TESSERA_NOEXCEPT;

/* Column collation id (63 = binary: bytes, not text). */
TESSERA_EXPORT uint16_t tessera_result_column_charset(
    const tessera_result_t* result, size_t col) TESSERA_NOEXCEPT;

TESSERA_EXPORT uint64_t tessera_result_row_count(const tessera_result_t* result)
    TESSERA_NOEXCEPT;

/* Row iteration: the first call moves to the first row. Returns 0 after
 * the last row. */
TESSERA_EXPORT unsigned char tessera_result_next(tessera_result_t* result)
    TESSERA_NOEXCEPT;
/* A cell of the current row in MySQL text form; NULL (and *len = 0) for
 * SQL NULL, before the first tessera_result_next, after the last row, or
 * when `col` is out of range. */
TESSERA_EXPORT const char* tessera_result_value(const tessera_result_t* result,
                                                size_t col,
                                                size_t* len) TESSERA_NOEXCEPT;
/* Any cell by position, same conventions. */
TESSERA_EXPORT const char* tessera_result_cell(const tessera_result_t* result,
                                               uint64_t row, size_t col,
                                               size_t* len) TESSERA_NOEXCEPT;

TESSERA_EXPORT uint64_t
tessera_result_affected_rows(const tessera_result_t* result) TESSERA_NOEXCEPT;
TESSERA_EXPORT uint64_t
tessera_result_last_insert_id(const tessera_result_t* result) TESSERA_NOEXCEPT;
TESSERA_EXPORT uint16_t
tessera_result_warning_count(const tessera_result_t* result) TESSERA_NOEXCEPT;
/* The statement's info string (e.g. "Records: 3  Duplicates: 0  ..."). */
TESSERA_EXPORT const char* tessera_result_info(const tessera_result_t* result,
                                               size_t* len) TESSERA_NOEXCEPT;

#ifdef __cplusplus
} /* extern "C" */
#endif

#endif /* TESSERA_INCLUDE_TESSERA_C_H_ */
