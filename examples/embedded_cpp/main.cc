// Embedding Tessera's router in a C++ program: a sharded schema, inserts,
// a point query, a scatter query and transactions, with no proxy in between.
//
//   export TESSERA_SHARDS="app/-80=127.0.0.1:3306,app/80-=127.0.0.1:3307"
//   TESSERA_PASSWORD=secret embedded_cpp
//
// It prints what examples/expected_output.txt holds.
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <string>
#include <vector>

#include "absl/strings/numbers.h"
#include "absl/strings/str_split.h"
#include "tessera/router.h"

namespace {

constexpr char kVSchema[] = R"({"keyspaces": {"app": {
  "sharded": true,
  "vindexes": {"hash": {"type": "hash"}},
  "tables": {
    "customer": {"column_vindexes": [{"column": "id", "name": "hash"}]},
    "orders": {"column_vindexes": [{"column": "customer_id", "name": "hash"}]}
  }}}})";

// "ks/shard=host:port,..." as in tessera-gateway --shards.
bool ParseShards(const std::string& spec,
                 std::vector<tessera::ShardAddress>* out) {
  for (absl::string_view item : absl::StrSplit(spec, ',', absl::SkipEmpty())) {
    std::vector<std::string> a = absl::StrSplit(item, absl::MaxSplits('=', 1));
    if (a.size() != 2) return false;
    std::vector<std::string> ks = absl::StrSplit(a[0], absl::MaxSplits('/', 1));
    std::vector<std::string> hp = absl::StrSplit(a[1], ':');
    tessera::ShardAddress s;
    if (ks.size() != 2 || hp.size() != 2 || !absl::SimpleAtoi(hp[1], &s.port))
      return false;
    s.keyspace = ks[0];
    s.shard = ks[1];
    s.host = hp[0];
    out->push_back(s);
  }
  return !out->empty();
}

// Runs `sql`; on error prints it with errno and SQLSTATE and exits.
tessera::Result Must(tessera::Router& router, tessera::Session& session,
                     const std::string& sql,
                     std::vector<tessera::BindValue> params = {}) {
  absl::StatusOr<tessera::Result> r = router.Execute(session, sql, params);
  if (!r.ok()) {
    std::fprintf(stderr, "%s\n  -> ERROR %u (%s): %s\n", sql.c_str(),
                 tessera::ErrorCode(r.status()),
                 tessera::ErrorSqlState(r.status()).c_str(),
                 std::string(r.status().message()).c_str());
    std::exit(1);
  }
  return *std::move(r);
}

std::string Cell(const tessera::Result& r, size_t row, size_t col) {
  const tessera::Value& v = r.rows.at(row).at(col);
  return v.is_null() ? "NULL" : v.bytes();
}

void Run(tessera::Router& router) {
  auto session = router.NewSession("app").value();
  tessera::Session& s = *session;
  Must(router, s, "DROP TABLE IF EXISTS customer");
  Must(router, s, "DROP TABLE IF EXISTS orders");
  Must(router, s,
       "CREATE TABLE customer (id BIGINT PRIMARY KEY, name VARCHAR(40), "
       "city VARCHAR(20))");
  Must(router, s,
       "CREATE TABLE orders (id BIGINT PRIMARY KEY, customer_id BIGINT, "
       "amount DECIMAL(10,2))");
  std::printf("created tables customer and orders in keyspace app\n");

  const char* names[] = {"ana", "bob", "carla", "dave", "eve", "femi"};
  const char* cities[] = {"paris", "lyon", "paris", "lyon", "rome", "paris"};
  for (int i = 0; i < 6; ++i) {
    Must(router, s, "INSERT INTO customer (id, name, city) VALUES (?, ?, ?)",
         {tessera::BindValue::Int(i + 1), tessera::BindValue::String(names[i]),
          tessera::BindValue::String(cities[i])});
  }
  std::printf("inserted 6 customers\n");

  // A point query goes to the one shard holding id 4.
  tessera::Result one =
      Must(router, s, "SELECT name, city FROM customer WHERE id = ?",
           {tessera::BindValue::Int(4)});
  std::printf("customer 4: %s (%s)\n", Cell(one, 0, 0).c_str(),
              Cell(one, 0, 1).c_str());

  // A scatter query runs on every shard; the router merges the groups.
  tessera::Result cities_r =
      Must(router, s,
           "SELECT city, COUNT(*) FROM customer GROUP BY city ORDER BY city");
  std::printf("customers per city:\n");
  for (size_t i = 0; i < cities_r.rows.size(); ++i) {
    std::printf("  %s %s\n", Cell(cities_r, i, 0).c_str(),
                Cell(cities_r, i, 1).c_str());
  }

  // A transaction over two shards (customers 1 and 4 hash to -80 and 80-).
  Must(router, s, "BEGIN");
  Must(router, s,
       "INSERT INTO orders (id, customer_id, amount) VALUES "
       "(100, 1, 25.25)");
  Must(router, s,
       "INSERT INTO orders (id, customer_id, amount) VALUES "
       "(101, 4, 50.25)");
  Must(router, s, "COMMIT");
  tessera::Result sum =
      Must(router, s, "SELECT COUNT(*), SUM(amount) FROM orders");
  std::printf("committed %s orders on two shards, total %s\n",
              Cell(sum, 0, 0).c_str(), Cell(sum, 0, 1).c_str());

  Must(router, s, "BEGIN");
  Must(router, s,
       "INSERT INTO orders (id, customer_id, amount) VALUES "
       "(102, 3, 9.99)");
  Must(router, s, "ROLLBACK");
  tessera::Result count = Must(router, s, "SELECT COUNT(*) FROM orders");
  std::printf("rolled back 1 order, still %s orders\n",
              Cell(count, 0, 0).c_str());
}

}  // namespace

int main() {
  const char* shards = std::getenv("TESSERA_SHARDS");
  const char* password = std::getenv("TESSERA_PASSWORD");
  tessera::RouterOptions options;
  options.vschema_json = kVSchema;
  options.password = password != nullptr ? password : "";
  if (shards == nullptr || !ParseShards(shards, &options.shards)) {
    std::fprintf(stderr, "set TESSERA_SHARDS=ks/shard=host:port,...\n");
    return 2;
  }
  absl::StatusOr<std::unique_ptr<tessera::Router>> router =
      tessera::Router::Create(options);
  if (!router.ok()) {
    std::fprintf(stderr, "router: %s\n", router.status().ToString().c_str());
    return 1;
  }
  Run(**router);
  return 0;
}
