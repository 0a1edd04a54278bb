/* The C ABI from plain C against real MariaDB shards: lifecycle, errors,
 * bind values and NULLs, large results, concurrent sessions on threads.
 *
 * Servers 0 and 1 hold keyspace "shop" (-80, 80-), server 2 the unsharded
 * keyspace "meta". */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lib/capi/testing/c_test_support.h"
#include "lib/capi/testing/cluster_c.h"
#include "tessera/c.h"

static void TestLibrary(void) {
  char state[6];
  const char* well_formed = "ERROR 1062 (23000): Duplicate entry";
  StartPhase("library");
  CHECK(strcmp(tessera_version(), "0.1.0") == 0);
  CHECK(tessera_abi_version() == TESSERA_C_ABI_VERSION);
  CHECK(tessera_errno(well_formed) == 1062);
  tessera_sqlstate(well_formed, state);
  CHECK(strcmp(state, "23000") == 0);
  CHECK(strcmp(tessera_errmsg(well_formed), "Duplicate entry") == 0);
  CHECK(tessera_errno(NULL) == 0);
  tessera_sqlstate(NULL, state);
  CHECK(strcmp(state, "00000") == 0);
  CHECK(tessera_errno("garbage") == 1105);
  tessera_sqlstate("ERROR 12 (4", state);
  CHECK(strcmp(state, "HY000") == 0);
  CHECK(strcmp(tessera_errmsg("garbage"), "garbage") == 0);
  tessera_free(NULL);
}

static void TestRouterErrors(void) {
  char* err = NULL;
  tessera_options_t* o = tessera_options_create();
  tessera_router_t* r;
  StartPhase("router errors");
  tessera_options_set_vschema_json(o, "{not json", 9);
  r = tessera_router_create(o, &err);
  CHECK(r == NULL);
  CHECK(err != NULL);
  /* A second failure replaces (and frees) the first message. */
  tessera_options_set_vschema_json(o, kVSchema, strlen(kVSchema));
  tessera_options_set_transaction_mode(o, 7);
  r = tessera_router_create(o, &err);
  CHECK(r == NULL);
  CHECK(tessera_errno(err) == 1210);
  CHECK(strstr(tessera_errmsg(err), "transaction mode") != NULL);
  tessera_free(err);
  err = NULL;
  r = tessera_router_create(NULL, &err);
  CHECK(r == NULL);
  CHECK(tessera_errno(err) == 1210);
  tessera_free(err);
  err = NULL;
  CHECK(tessera_session_create(NULL, "", 0, &err) == NULL);
  CHECK(tessera_errno(err) == 1210);
  tessera_free(err);
  err = NULL;
  CHECK(tessera_execute(NULL, "SELECT 1", 8, NULL, &err) == NULL);
  CHECK(tessera_errno(err) == 1210);
  tessera_free(err);
  tessera_options_destroy(o);
  tessera_router_destroy(NULL);
  tessera_session_destroy(NULL);
  tessera_result_destroy(NULL);
}

static void TestSchemaAndSessions(tessera_router_t* router) {
  char* err = NULL;
  size_t len = 0;
  char* target;
  tessera_session_t* s;
  tessera_result_t* r;
  StartPhase("schema and sessions");
  s = tessera_session_create(router, "shop", 4, &err);
  CHECK_NO_ERROR(err);
  RunAndDrop(s,
             "CREATE TABLE item (id BIGINT PRIMARY KEY, name VARCHAR(40), "
             "price DECIMAL(10,2), weight DOUBLE, tag VARBINARY(16))");
  RunAndDrop(s, "USE meta");
  target = tessera_session_target(s, &len);
  CHECK(target != NULL && strcmp(target, "meta") == 0 && len == 4);
  tessera_free(target);
  RunAndDrop(s,
             "CREATE TABLE note (id INT AUTO_INCREMENT PRIMARY KEY, "
             "body VARCHAR(5))");
  r = Run(s, "INSERT INTO note (body) VALUES ('a'), ('b')", NULL);
  if (r != NULL) {
    CHECK(tessera_result_affected_rows(r) == 2);
    CHECK(tessera_result_last_insert_id(r) == 1);
    CHECK(tessera_result_column_count(r) == 0);
    CHECK(tessera_result_next(r) == 0);
  }
  tessera_result_destroy(r);
  CHECK(tessera_session_last_insert_id(s) == 1);
  CHECK(tessera_session_in_transaction(s) == 0);
  CHECK(tessera_session_warning(s, tessera_session_warning_count(s), NULL, NULL,
                                NULL, NULL) == 0);
  tessera_session_destroy(s);

  /* A malformed target. */
  s = tessera_session_create(router, "shop:", 5, &err);
  CHECK(s == NULL);
  CHECK(err != NULL);
  tessera_free(err);
}

static void TestParamsAndNulls(tessera_router_t* router) {
  static const char kTag[] = {'a', '\0', 'b'};
  char* err = NULL;
  size_t len = 0;
  const char* v;
  tessera_session_t* s = tessera_session_create(router, "shop", 4, &err);
  tessera_params_t* p = tessera_params_create();
  tessera_result_t* r;
  StartPhase("params and NULLs");
  CHECK_NO_ERROR(err);
  tessera_params_add_int(p, -7);
  tessera_params_add_string(p, "it's \"q\"\\", 9);
  tessera_params_add_decimal(p, "12.50", 5);
  tessera_params_add_double(p, 0.25);
  tessera_params_add_binary(p, kTag, sizeof(kTag));
  CHECK(tessera_params_count(p) == 5);
  r = Run(s,
          "INSERT INTO item (id, name, price, weight, tag) "
          "VALUES (?, ?, ?, ?, ?)",
          p);
  if (r != NULL) CHECK(tessera_result_affected_rows(r) == 1);
  tessera_result_destroy(r);

  tessera_params_clear(p);
  tessera_params_add_uint(p, 8);
  tessera_params_add_null(p);
  tessera_params_add_null(p);
  tessera_params_add_null(p);
  tessera_params_add_string(p, "", 0);
  tessera_result_destroy(Run(
      s, "INSERT INTO item (id, name, price, weight, tag) VALUES (?,?,?,?,?)",
      p));

  tessera_params_clear(p);
  tessera_params_add_int(p, -7);
  r = Run(s, "SELECT id, name, price, weight, tag FROM item WHERE id = ?", p);
  if (r != NULL) {
    CHECK(tessera_result_column_count(r) == 5);
    CHECK(strcmp(tessera_result_column_name(r, 1, &len), "name") == 0);
    CHECK(len == 4);
    CHECK(tessera_result_column_name(r, 5, &len) == NULL);
    CHECK(tessera_result_column_type(r, 0) == 8);   /* LONGLONG */
    CHECK(tessera_result_column_type(r, 2) == 246); /* NEWDECIMAL */
    CHECK(tessera_result_column_type(r, 9) == -1);
    CHECK((tessera_result_column_flags(r, 0) & 2) != 0); /* PRI_KEY */
    CHECK(tessera_result_column_charset(r, 4) == 63);    /* binary */
    CHECK(tessera_result_column_charset(r, 1) != 63);
    CHECK(tessera_result_row_count(r) == 1);
    CHECK(tessera_result_value(r, 0, &len) == NULL); /* before first */
    CHECK(tessera_result_next(r) == 1);
    CHECK(CellEquals(r, 0, 0, "-7"));
    CHECK(CellEquals(r, 0, 1, "it's \"q\"\\"));
    CHECK(CellEquals(r, 0, 2, "12.50"));
    CHECK(CellEquals(r, 0, 3, "0.25"));
    v = tessera_result_value(r, 4, &len);
    CHECK(v != NULL && len == 3 && memcmp(v, kTag, 3) == 0);
    CHECK(tessera_result_next(r) == 0);
    CHECK(tessera_result_next(r) == 0);
    CHECK(tessera_result_value(r, 0, &len) == NULL && len == 0);
  }
  tessera_result_destroy(r);

  r = Run(s, "SELECT name, price, weight, tag FROM item WHERE id = 8", NULL);
  if (r != NULL) {
    CHECK(tessera_result_next(r) == 1);
    CHECK(tessera_result_value(r, 0, &len) == NULL && len == 0);
    CHECK(CellEquals(r, 0, 1, NULL));
    CHECK(CellEquals(r, 0, 2, NULL));
    /* An empty string is not NULL. */
    v = tessera_result_value(r, 3, &len);
    CHECK(v != NULL && len == 0);
  }
  tessera_result_destroy(r);
  tessera_params_destroy(p);
  tessera_session_destroy(s);
}

static void TestErrors(tessera_router_t* router) {
  char* err = NULL;
  tessera_session_t* s = tessera_session_create(router, "shop", 4, &err);
  tessera_params_t* p = tessera_params_create();
  StartPhase("statement errors");
  CHECK_NO_ERROR(err);
  ExpectError(s, "SELEC 1", NULL, 1064, "42000");
  ExpectError(s, "SELECT * FROM item WHERE id = ?", NULL, 1210, "HY000");
  tessera_params_add_int(p, 1);
  tessera_params_add_int(p, 2);
  ExpectError(s, "SELECT * FROM item WHERE id = ?", p, 1210, "HY000");
  tessera_params_clear(p);
  tessera_params_add_decimal(p, "1; DROP TABLE item", 18);
  ExpectError(s, "SELECT * FROM item WHERE id = ?", p, 1210, "HY000");
  ExpectError(s, "INSERT INTO item (id, name) VALUES (-7, 'again')", NULL, 1062,
              "23000");
  ExpectError(s, "SELECT * FROM no_such_table WHERE id = 1", NULL, 1146,
              "42S02");
  ExpectError(s, "LOCK TABLES item READ", NULL, 1235, "42000");
  /* The session still works after errors. */
  tessera_result_destroy(Run(s, "SELECT COUNT(*) FROM item", NULL));
  tessera_params_destroy(p);
  tessera_session_destroy(s);
}

static void TestLargeResult(tessera_router_t* router) {
  enum { kRows = 5000, kBatch = 500 };
  char* err = NULL;
  char sql[64];
  tessera_session_t* s = tessera_session_create(router, "shop", 4, &err);
  tessera_params_t* p = tessera_params_create();
  tessera_result_t* r;
  long long sum = 0, expect = 0, prev = -1;
  int i, j, ordered = 1;
  StartPhase("large result");
  CHECK_NO_ERROR(err);
  RunAndDrop(s, "CREATE TABLE big (id BIGINT PRIMARY KEY, v VARCHAR(64))");
  for (i = 0; i < kRows; i += kBatch) {
    /* INSERT INTO big VALUES (?, ?), (?, ?), ... */
    static char text[kBatch * 8 + 64];
    size_t n =
        (size_t)snprintf(text, sizeof(text), "INSERT INTO big (id, v) VALUES ");
    tessera_params_clear(p);
    for (j = 0; j < kBatch; ++j) {
      char v[64];
      n += (size_t)snprintf(text + n, sizeof(text) - n, "%s(?, ?)",
                            j ? "," : "");
      tessera_params_add_int(p, 1000 + i + j);
      snprintf(v, sizeof(v), "value-%d-with-some-padding-to-be-longer", i + j);
      tessera_params_add_string(p, v, strlen(v));
      expect += 1000 + i + j;
    }
    r = Run(s, text, p);
    if (r != NULL) CHECK(tessera_result_affected_rows(r) == kBatch);
    tessera_result_destroy(r);
  }
  snprintf(sql, sizeof(sql), "SELECT id, v FROM big ORDER BY id");
  r = Run(s, sql, NULL);
  if (r != NULL) {
    CHECK(tessera_result_row_count(r) == kRows);
    while (tessera_result_next(r)) {
      size_t len;
      long long id = atoll(tessera_result_value(r, 0, &len));
      if (id <= prev) ordered = 0;
      prev = id;
      sum += id;
      CHECK(tessera_result_value(r, 1, &len) != NULL && len > 20);
    }
    CHECK(ordered);
    CHECK(sum == expect);
  }
  tessera_result_destroy(r);
  tessera_params_destroy(p);
  tessera_session_destroy(s);
}

static uint64_t CountItems(tessera_router_t* router, const char* where) {
  char* err = NULL;
  char sql[128];
  size_t len;
  uint64_t n = 0;
  tessera_session_t* s = tessera_session_create(router, "shop", 4, &err);
  tessera_result_t* r;
  CHECK_NO_ERROR(err);
  snprintf(sql, sizeof(sql), "SELECT COUNT(*) FROM item WHERE %s", where);
  r = Run(s, sql, NULL);
  if (r != NULL && tessera_result_cell(r, 0, 0, &len) != NULL) {
    n = (uint64_t)atoll(tessera_result_cell(r, 0, 0, &len));
  }
  tessera_result_destroy(r);
  tessera_session_destroy(s);
  return n;
}

static void TestTransactions(tessera_router_t* router) {
  const char* range = "id BETWEEN 500 AND 599";
  char* err = NULL;
  tessera_session_t* s = tessera_session_create(router, "shop", 4, &err);
  int i;
  StartPhase("transactions");
  CHECK_NO_ERROR(err);
  /* Rolled back: rows on both shards disappear. */
  tessera_begin(s, &err);
  CHECK_NO_ERROR(err);
  CHECK(tessera_session_in_transaction(s) == 1);
  for (i = 0; i < 6; ++i) {
    char sql[80];
    snprintf(sql, sizeof(sql), "INSERT INTO item (id, name) VALUES (%d, 'tx')",
             500 + i);
    RunAndDrop(s, sql);
  }
  CHECK(CountItems(router, range) == 0); /* not visible outside */
  tessera_rollback(s, &err);
  CHECK_NO_ERROR(err);
  CHECK(tessera_session_in_transaction(s) == 0);
  CHECK(CountItems(router, range) == 0);

  /* Committed: all visible. */
  tessera_begin(s, &err);
  CHECK_NO_ERROR(err);
  RunAndDrop(s, "INSERT INTO item (id, name) VALUES (501, 'a'), (502, 'b')");
  tessera_commit(s, &err);
  CHECK_NO_ERROR(err);
  CHECK(CountItems(router, range) == 2);

  /* Destroying a session with an open transaction rolls it back. */
  tessera_begin(s, &err);
  CHECK_NO_ERROR(err);
  RunAndDrop(s, "DELETE FROM item WHERE id = 501");
  tessera_session_destroy(s);
  CHECK(CountItems(router, range) == 2);
}

struct StreamState {
  size_t columns;
  long long rows, sum, prev;
  int ordered, nulls, stop_after;
};

static int StreamColumns(void* ctx, const tessera_result_t* columns) {
  ((struct StreamState*)ctx)->columns = tessera_result_column_count(columns);
  return 0;
}

static int StreamRow(void* ctx, size_t ncols, const char* const* values,
                     const size_t* lengths) {
  struct StreamState* st = (struct StreamState*)ctx;
  long long id;
  if (st->stop_after >= 0 && st->rows == st->stop_after) return 1;
  if (ncols != 2 || values[0] == NULL || lengths[0] == 0) return 1;
  id = atoll(values[0]);
  if (id <= st->prev) st->ordered = 0;
  st->prev = id;
  st->sum += id;
  st->rows++;
  if (values[1] == NULL) st->nulls++;
  return 0;
}

static void TestStreaming(tessera_router_t* router) {
  const char* sql = "SELECT id, v FROM big ORDER BY id";
  char* err = NULL;
  tessera_session_t* s = tessera_session_create(router, "shop", 4, &err);
  struct StreamState st = {0, 0, 0, -1, 1, 0, -1};
  tessera_result_t* r;
  StartPhase("streaming");
  CHECK_NO_ERROR(err);
  r = tessera_execute_stream(s, sql, strlen(sql), NULL, StreamColumns,
                             StreamRow, &st, &err);
  CHECK_NO_ERROR(err);
  CHECK(r != NULL);
  CHECK(st.columns == 2);
  CHECK(st.rows == 5000);
  CHECK(st.ordered);
  CHECK(st.sum == 5000LL * 1000 + 4999LL * 5000 / 2);
  if (r != NULL) {
    CHECK(tessera_result_column_count(r) == 2);
    CHECK(tessera_result_row_count(r) == 0);
  }
  tessera_result_destroy(r);

  /* NULL cells arrive as NULL pointers. */
  RunAndDrop(s, "INSERT INTO big (id, v) VALUES (1, NULL)");
  memset(&st, 0, sizeof(st));
  st.prev = -1;
  st.ordered = 1;
  st.stop_after = -1;
  sql = "SELECT id, v FROM big WHERE id = 1";
  tessera_result_destroy(tessera_execute_stream(s, sql, strlen(sql), NULL, NULL,
                                                StreamRow, &st, &err));
  CHECK_NO_ERROR(err);
  CHECK(st.rows == 1 && st.nulls == 1);

  /* A callback can cancel: errno 1317, and the session goes on. */
  memset(&st, 0, sizeof(st));
  st.prev = -1;
  st.stop_after = 10;
  sql = "SELECT id, v FROM big ORDER BY id";
  r = tessera_execute_stream(s, sql, strlen(sql), NULL, NULL, StreamRow, &st,
                             &err);
  CHECK(r == NULL);
  CHECK(tessera_errno(err) == 1317);
  CHECK(st.rows == 10);
  tessera_free(err);
  tessera_result_destroy(Run(s, "SELECT COUNT(*) FROM big", NULL));
  tessera_session_destroy(s);
}

enum { kThreads = 4, kPerThread = 40 };

struct Worker {
  tessera_router_t* router;
  int index;
  int failures;
};

static void* WorkerMain(void* arg) {
  struct Worker* w = (struct Worker*)arg;
  char* err = NULL;
  tessera_session_t* s = tessera_session_create(w->router, "shop", 4, &err);
  tessera_params_t* p = tessera_params_create();
  int i;
  if (s == NULL) {
    tessera_free(err);
    w->failures++;
    tessera_params_destroy(p);
    return NULL;
  }
  for (i = 0; i < kPerThread; ++i) {
    const int id = 100000 + w->index * 1000 + i;
    const char* ins = "INSERT INTO item (id, name) VALUES (?, ?)";
    const char* sel = "SELECT name FROM item WHERE id = ?";
    char name[32];
    size_t len;
    const char* got;
    tessera_result_t* r;
    snprintf(name, sizeof(name), "t%d-%d", w->index, i);
    tessera_params_clear(p);
    tessera_params_add_int(p, id);
    tessera_params_add_string(p, name, strlen(name));
    r = tessera_execute(s, ins, strlen(ins), p, &err);
    if (r == NULL) break;
    tessera_result_destroy(r);
    tessera_params_clear(p);
    tessera_params_add_int(p, id);
    r = tessera_execute(s, sel, strlen(sel), p, &err);
    if (r == NULL) break;
    got = tessera_result_cell(r, 0, 0, &len);
    if (got == NULL || len != strlen(name) || memcmp(got, name, len) != 0) {
      w->failures++;
    }
    tessera_result_destroy(r);
  }
  if (err != NULL) {
    fprintf(stderr, "worker %d: %s\n", w->index, err);
    tessera_free(err);
    w->failures++;
  }
  tessera_params_destroy(p);
  tessera_session_destroy(s);
  return NULL;
}

static void TestConcurrentSessions(tessera_router_t* router) {
  pthread_t threads[kThreads];
  struct Worker workers[kThreads];
  char* err = NULL;
  tessera_session_t* s;
  tessera_result_t* r;
  int i;
  StartPhase("concurrent sessions");
  for (i = 0; i < kThreads; ++i) {
    workers[i].router = router;
    workers[i].index = i;
    workers[i].failures = 0;
    CHECK(pthread_create(&threads[i], NULL, WorkerMain, &workers[i]) == 0);
  }
  for (i = 0; i < kThreads; ++i) {
    pthread_join(threads[i], NULL);
    CHECK(workers[i].failures == 0);
  }
  s = tessera_session_create(router, "shop", 4, &err);
  CHECK_NO_ERROR(err);
  r = Run(s, "SELECT COUNT(*) FROM item WHERE id >= 100000", NULL);
  if (r != NULL) CHECK(CellEquals(r, 0, 0, "160"));
  tessera_result_destroy(r);
  tessera_session_destroy(s);
}

int main(void) {
  char* err = NULL;
  tessera_test_cluster_t* cluster;
  tessera_router_t* router;
  TestLibrary();
  TestRouterErrors();

  StartPhase("start servers");
  cluster = tessera_test_cluster_start(3, &err);
  CHECK_NO_ERROR(err);
  if (cluster == NULL) return 1;
  tessera_test_cluster_exec(cluster, 0, NULL, "CREATE DATABASE shop", &err);
  CHECK_NO_ERROR(err);
  tessera_test_cluster_exec(cluster, 1, NULL, "CREATE DATABASE shop", &err);
  CHECK_NO_ERROR(err);
  tessera_test_cluster_exec(cluster, 2, NULL, "CREATE DATABASE meta", &err);
  CHECK_NO_ERROR(err);
  router = NewRouter(cluster);
  if (router != NULL) {
    TestSchemaAndSessions(router);
    TestParamsAndNulls(router);
    TestErrors(router);
    TestLargeResult(router);
    TestStreaming(router);
    TestTransactions(router);
    TestConcurrentSessions(router);
    tessera_router_destroy(router);
  }
  tessera_test_cluster_stop(cluster);
  fprintf(stderr, tessera_c_test_failures ? "FAILED: %d checks\n" : "PASSED\n",
          tessera_c_test_failures);
  return tessera_c_test_failures ? 1 : 0;
}
