/* Embedding Tessera's router from C through libtessera.so's C ABI: a sharded
 * schema, inserts with bind values, a point query, a scatter query and
 * transactions. The same program as examples/embedded_cpp.
 *
 *   export TESSERA_SHARDS="app/-80=127.0.0.1:3306,app/80-=127.0.0.1:3307"
 *   TESSERA_PASSWORD=secret ./tessera_example
 *
 * It prints what examples/expected_output.txt holds. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tessera/c.h"

static const char kVSchema[] =
    "{\"keyspaces\": {\"app\": {\"sharded\": true,"
    " \"vindexes\": {\"hash\": {\"type\": \"hash\"}},"
    " \"tables\": {"
    "  \"customer\": {\"column_vindexes\": [{\"column\": \"id\","
    "                 \"name\": \"hash\"}]},"
    "  \"orders\": {\"column_vindexes\": [{\"column\": \"customer_id\","
    "               \"name\": \"hash\"}]}}}}}";

/* Adds each "ks/shard=host:port" of the comma-separated `spec`. */
static int AddShards(tessera_options_t* o, const char* spec) {
  char* copy = strdup(spec);
  char* save = NULL;
  char* item;
  int n = 0;
  for (item = strtok_r(copy, ",", &save); item != NULL;
       item = strtok_r(NULL, ",", &save)) {
    char* slash = strchr(item, '/');
    char* eq = strchr(item, '=');
    char* colon = strrchr(item, ':');
    if (slash == NULL || eq == NULL || colon == NULL || !(slash < eq) ||
        !(eq < colon)) {
      free(copy);
      return 0;
    }
    tessera_options_add_shard(
        o, item, (size_t)(slash - item), slash + 1, (size_t)(eq - slash - 1),
        eq + 1, (size_t)(colon - eq - 1), atoi(colon + 1), NULL, 0);
    ++n;
  }
  free(copy);
  return n;
}

/* Runs `sql` with `params` (may be NULL); on error prints it and exits. */
static tessera_result_t* Must(tessera_session_t* s, const char* sql,
                              const tessera_params_t* params) {
  char* err = NULL;
  tessera_result_t* r = tessera_execute(s, sql, strlen(sql), params, &err);
  if (err != NULL) {
    char state[6];
    tessera_sqlstate(err, state);
    fprintf(stderr, "%s\n  -> errno %u, SQLSTATE %s: %s\n", sql,
            tessera_errno(err), state, tessera_errmsg(err));
    tessera_free(err);
    exit(1);
  }
  return r;
}

static void Exec(tessera_session_t* s, const char* sql) {
  tessera_result_destroy(Must(s, sql, NULL));
}

/* Cell (row, col) as a NUL-terminated string ("NULL" for SQL NULL). */
static const char* Cell(const tessera_result_t* r, uint64_t row, size_t col) {
  size_t len;
  const char* v = tessera_result_cell(r, row, col, &len);
  return v == NULL ? "NULL" : v;
}

static void Run(tessera_router_t* router) {
  static const char* names[] = {"ana", "bob", "carla", "dave", "eve", "femi"};
  static const char* cities[] = {"paris", "lyon", "paris",
                                 "lyon",  "rome", "paris"};
  char* err = NULL;
  tessera_session_t* s = tessera_session_create(router, "app", 3, &err);
  tessera_params_t* p = tessera_params_create();
  tessera_result_t* r;
  int i;
  if (s == NULL) {
    fprintf(stderr, "session: %s\n", err);
    exit(1);
  }
  Exec(s, "DROP TABLE IF EXISTS customer");
  Exec(s, "DROP TABLE IF EXISTS orders");
  Exec(s,
       "CREATE TABLE customer (id BIGINT PRIMARY KEY, name VARCHAR(40), "
       "city VARCHAR(20))");
  Exec(s,
       "CREATE TABLE orders (id BIGINT PRIMARY KEY, customer_id BIGINT, "
       "amount DECIMAL(10,2))");
  printf("created tables customer and orders in keyspace app\n");

  for (i = 0; i < 6; ++i) {
    tessera_params_clear(p);
    tessera_params_add_int(p, i + 1);
    tessera_params_add_string(p, names[i], strlen(names[i]));
    tessera_params_add_string(p, cities[i], strlen(cities[i]));
    tessera_result_destroy(
        Must(s, "INSERT INTO customer (id, name, city) VALUES (?, ?, ?)", p));
  }
  printf("inserted 6 customers\n");

  /* A point query goes to the one shard holding id 4. */
  tessera_params_clear(p);
  tessera_params_add_int(p, 4);
  r = Must(s, "SELECT name, city FROM customer WHERE id = ?", p);
  printf("customer 4: %s (%s)\n", Cell(r, 0, 0), Cell(r, 0, 1));
  tessera_result_destroy(r);

  /* A scatter query runs on every shard; the router merges the groups. */
  r = Must(s, "SELECT city, COUNT(*) FROM customer GROUP BY city ORDER BY city",
           NULL);
  printf("customers per city:\n");
  while (tessera_result_next(r)) {
    size_t len;
    printf("  %s %s\n", tessera_result_value(r, 0, &len),
           tessera_result_value(r, 1, &len));
  }
  tessera_result_destroy(r);

  /* A transaction over two shards (customers 1 and 4 hash to -80, 80-). */
  tessera_begin(s, &err);
  Exec(s,
       "INSERT INTO orders (id, customer_id, amount) VALUES (100, 1, 25.25)");
  Exec(s,
       "INSERT INTO orders (id, customer_id, amount) VALUES (101, 4, 50.25)");
  tessera_commit(s, &err);
  if (err != NULL) {
    fprintf(stderr, "transaction: %s\n", err);
    exit(1);
  }
  r = Must(s, "SELECT COUNT(*), SUM(amount) FROM orders", NULL);
  printf("committed %s orders on two shards, total %s\n", Cell(r, 0, 0),
         Cell(r, 0, 1));
  tessera_result_destroy(r);

  tessera_begin(s, &err);
  Exec(s, "INSERT INTO orders (id, customer_id, amount) VALUES (102, 3, 9.99)");
  tessera_rollback(s, &err);
  if (err != NULL) {
    fprintf(stderr, "transaction: %s\n", err);
    exit(1);
  }
  r = Must(s, "SELECT COUNT(*) FROM orders", NULL);
  printf("rolled back 1 order, still %s orders\n", Cell(r, 0, 0));
  tessera_result_destroy(r);

  tessera_params_destroy(p);
  tessera_session_destroy(s);
}

int main(void) {
  const char* shards = getenv("TESSERA_SHARDS");
  const char* password = getenv("TESSERA_PASSWORD");
  char* err = NULL;
  tessera_options_t* o = tessera_options_create();
  tessera_router_t* router;
  tessera_options_set_vschema_json(o, kVSchema, strlen(kVSchema));
  if (password != NULL) {
    tessera_options_set_credentials(o, "root", 4, password, strlen(password));
  }
  if (shards == NULL || !AddShards(o, shards)) {
    fprintf(stderr, "set TESSERA_SHARDS=ks/shard=host:port,...\n");
    tessera_options_destroy(o);
    return 2;
  }
  router = tessera_router_create(o, &err);
  tessera_options_destroy(o);
  if (router == NULL) {
    fprintf(stderr, "router: %s\n", err);
    tessera_free(err);
    return 1;
  }
  Run(router);
  tessera_router_destroy(router);
  return 0;
}
