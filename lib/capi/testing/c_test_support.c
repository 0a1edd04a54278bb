/* Helpers for the plain-C tests of the C ABI (c_test_support.h). */
#include "lib/capi/testing/c_test_support.h"

#include <stdlib.h>
#include <string.h>

const char* tessera_c_test_phase = "";
int tessera_c_test_failures = 0;

void StartPhase(const char* name) {
  fprintf(stderr, "=== %s\n", name);
  tessera_c_test_phase = name;
}

const char kVSchema[] =
    "{\"keyspaces\": {"
    " \"shop\": {\"sharded\": true,"
    "  \"vindexes\": {\"hash\": {\"type\": \"hash\"}},"
    "  \"tables\": {"
    "   \"item\": {\"column_vindexes\":"
    "    [{\"column\": \"id\", \"name\": \"hash\"}]},"
    "   \"big\": {\"column_vindexes\":"
    "    [{\"column\": \"id\", \"name\": \"hash\"}]}}},"
    " \"meta\": {\"sharded\": false, \"tables\": {\"note\": {}}}}}";

/* Executes `sql` expecting success; returns the result (may be NULL on
 * failure, which is counted). */
tessera_result_t* Run(tessera_session_t* s, const char* sql,
                      const tessera_params_t* params) {
  char* err = NULL;
  tessera_result_t* r = tessera_execute(s, sql, strlen(sql), params, &err);
  if (err != NULL) fprintf(stderr, "  while running: %.80s\n", sql);
  CHECK_NO_ERROR(err);
  CHECK(r != NULL);
  return r;
}

void RunAndDrop(tessera_session_t* s, const char* sql) {
  tessera_result_destroy(Run(s, sql, NULL));
}

/* Executes `sql` expecting errno `code` and SQLSTATE `state`. */
void ExpectError(tessera_session_t* s, const char* sql,
                 const tessera_params_t* params, uint16_t code,
                 const char* state) {
  char* err = NULL;
  char got_state[6];
  tessera_result_t* r = tessera_execute(s, sql, strlen(sql), params, &err);
  CHECK(r == NULL);
  CHECK(err != NULL);
  if (err == NULL) return;
  tessera_sqlstate(err, got_state);
  if (tessera_errno(err) != code || strcmp(got_state, state) != 0) {
    fprintf(stderr, "  %s: want %u (%s), got: %s\n", sql, code, state, err);
    ++tessera_c_test_failures;
  }
  CHECK(strlen(tessera_errmsg(err)) > 0);
  tessera_free(err);
}

int CellEquals(const tessera_result_t* r, uint64_t row, size_t col,
               const char* want) {
  size_t len = 0;
  const char* v = tessera_result_cell(r, row, col, &len);
  if (want == NULL) return v == NULL;
  return v != NULL && len == strlen(want) && memcmp(v, want, len) == 0;
}

tessera_router_t* NewRouter(const tessera_test_cluster_t* c) {
  char* err = NULL;
  char port[3][16];
  tessera_options_t* o = tessera_options_create();
  tessera_router_t* r;
  int i;
  for (i = 0; i < 3; ++i) {
    snprintf(port[i], sizeof(port[i]), "%d", tessera_test_cluster_port(c, i));
  }
  tessera_options_set_vschema_json(o, kVSchema, strlen(kVSchema));
  tessera_options_add_shard(o, "shop", 4, "-80", 3, "127.0.0.1", 9,
                            tessera_test_cluster_port(c, 0), NULL, 0);
  tessera_options_add_shard(o, "shop", 4, "80-", 3, "127.0.0.1", 9,
                            tessera_test_cluster_port(c, 1), "primary", 7);
  tessera_options_add_shard(o, "meta", 4, "-", 1, "127.0.0.1", 9,
                            tessera_test_cluster_port(c, 2), NULL, 0);
  tessera_options_set_credentials(o, "root", 4, "tessera", 7);
  tessera_options_set_tls(o, 0, NULL, 0, NULL, 0, NULL, 0, 1);
  tessera_options_set_max_connections_per_shard(o, 16);
  tessera_options_set_query_timeout_ms(o, 0);
  tessera_options_set_transaction_mode(o, TESSERA_TXN_MULTI);
  r = tessera_router_create(o, &err);
  /* The options were copied. */
  tessera_options_destroy(o);
  CHECK_NO_ERROR(err);
  return r;
}
