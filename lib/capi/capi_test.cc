// The C ABI over a canned router: argument and result conversion, error
// strings, and that nothing (not even std::bad_alloc) unwinds into C.
#include <cstring>
#include <memory>
#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "lib/base/mysql_error.h"
#include "lib/capi/internal.h"
#include "lib/capi/testing/canned_router.h"
#include "tessera/c.h"

namespace tessera::capi {
namespace {

using ::testing::ElementsAre;
using ::testing::Field;

class CapiTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto canned = std::make_unique<testing::CannedRouter>();
    canned_ = canned.get();
    canned_->warnings = {{1265, "Warning", "Data truncated"}};
    router_ = WrapRouter(std::move(canned));
    session_ = tessera_session_create(router_, "ks:-80", 6, &err_);
    ASSERT_EQ(err_, nullptr);
  }
  void TearDown() override {
    tessera_free(err_);
    tessera_session_destroy(session_);
    tessera_router_destroy(router_);
  }
  tessera_result_t* Execute(const std::string& sql,
                            const tessera_params_t* params = nullptr) {
    return tessera_execute(session_, sql.data(), sql.size(), params, &err_);
  }

  testing::CannedRouter* canned_ = nullptr;
  tessera_router_t* router_ = nullptr;
  tessera_session_t* session_ = nullptr;
  char* err_ = nullptr;
};

TEST_F(CapiTest, ParamsReachTheRouterAsBindValues) {
  tessera_params_t* p = tessera_params_create();
  tessera_params_add_null(p);
  tessera_params_add_int(p, -5);
  tessera_params_add_uint(p, 18446744073709551615ull);
  tessera_params_add_decimal(p, "1.50", 4);
  tessera_params_add_string(p, "a\0b", 3);
  tessera_params_add_binary(p, "\xff", 1);
  tessera_params_add_double(p, 0.5);
  tessera_result_destroy(Execute("SELECT ?", p));
  tessera_params_destroy(p);
  using K = BindValue::Kind;
  EXPECT_THAT(canned_->last_params,
              ElementsAre(Field(&BindValue::kind, K::kNull),
                          Field(&BindValue::bytes, "-5"),
                          Field(&BindValue::bytes, "18446744073709551615"),
                          Field(&BindValue::kind, K::kDecimal),
                          Field(&BindValue::bytes, std::string("a\0b", 3)),
                          Field(&BindValue::kind, K::kBinary),
                          Field(&BindValue::kind, K::kDouble)));
  EXPECT_EQ(canned_->last_sql, "SELECT ?");
}

TEST_F(CapiTest, ResultRowsNullsAndCounts) {
  tessera::Field f;
  f.name = "c";
  f.type = FieldType::kLongLong;
  f.flags = field_flag::kNotNull;
  canned_->result.fields = {f};
  canned_->result.rows = {{Value::Text("1")}, {Value::Null()}};
  canned_->result.affected_rows = 3;
  canned_->result.last_insert_id = 9;
  canned_->result.warnings = 1;
  canned_->result.info = "Records: 2";
  tessera_result_t* r = Execute("SELECT c FROM t");
  ASSERT_NE(r, nullptr);
  size_t len = 99;
  EXPECT_EQ(tessera_result_column_type(r, 0), 8);
  EXPECT_EQ(tessera_result_column_flags(r, 0), 1u);
  EXPECT_EQ(tessera_result_row_count(r), 2u);
  EXPECT_EQ(tessera_result_next(r), 1);
  EXPECT_STREQ(tessera_result_value(r, 0, &len), "1");
  EXPECT_EQ(tessera_result_value(r, 1, &len), nullptr);
  EXPECT_EQ(tessera_result_next(r), 1);
  EXPECT_EQ(tessera_result_value(r, 0, &len), nullptr);
  EXPECT_EQ(len, 0u);
  EXPECT_EQ(tessera_result_next(r), 0);
  EXPECT_EQ(tessera_result_cell(r, 5, 0, &len), nullptr);
  EXPECT_EQ(tessera_result_affected_rows(r), 3u);
  EXPECT_EQ(tessera_result_last_insert_id(r), 9u);
  EXPECT_EQ(tessera_result_warning_count(r), 1);
  EXPECT_STREQ(tessera_result_info(r, &len), "Records: 2");
  tessera_result_destroy(r);
}

struct Collected {
  size_t columns = 0;
  std::vector<std::string> cells;
  int stop_after = -1;  // rows before cancelling; -1: never
};

int OnColumns(void* ctx, const tessera_result_t* columns) {
  static_cast<Collected*>(ctx)->columns = tessera_result_column_count(columns);
  return 0;
}

int OnRow(void* ctx, size_t ncols, const char* const* values,
          const size_t* lengths) {
  auto* c = static_cast<Collected*>(ctx);
  if (c->stop_after == 0) return 1;
  --c->stop_after;
  for (size_t i = 0; i < ncols; ++i) {
    c->cells.push_back(
        values[i] == nullptr ? "NULL" : std::string(values[i], lengths[i]));
  }
  return 0;
}

TEST_F(CapiTest, StreamHandsRowsToCallbacks) {
  tessera::Field f;
  f.name = "c";
  canned_->result.fields = {f, f};
  canned_->result.rows = {{Value::Text("a"), Value::Null()},
                          {Value::Text(""), Value::Text("b")}};
  canned_->result.affected_rows = 2;
  Collected got;
  tessera_result_t* r = tessera_execute_stream(session_, "S", 1, nullptr,
                                               OnColumns, OnRow, &got, &err_);
  ASSERT_NE(r, nullptr);
  EXPECT_EQ(got.columns, 2u);
  EXPECT_THAT(got.cells, ElementsAre("a", "NULL", "", "b"));
  EXPECT_EQ(tessera_result_column_count(r), 2u);
  EXPECT_EQ(tessera_result_row_count(r), 0u);
  tessera_result_destroy(r);

  Collected cancel;
  cancel.stop_after = 1;
  EXPECT_EQ(tessera_execute_stream(session_, "S", 1, nullptr, nullptr, OnRow,
                                   &cancel, &err_),
            nullptr);
  EXPECT_EQ(tessera_errno(err_), 1317);
  EXPECT_THAT(cancel.cells, ElementsAre("a", "NULL"));
}

TEST_F(CapiTest, ErrorsCarryErrnoAndSqlstate) {
  canned_->status = MysqlError(1062, "23000", "Duplicate entry '1'");
  EXPECT_EQ(Execute("INSERT"), nullptr);
  EXPECT_STREQ(err_, "ERROR 1062 (23000): Duplicate entry '1'");
  // A second error replaces the first (the first is freed: see ASan test).
  canned_->status = absl::UnimplementedError("no");
  EXPECT_EQ(Execute("X"), nullptr);
  EXPECT_EQ(tessera_errno(err_), 1235);
  char state[6];
  tessera_sqlstate(err_, state);
  EXPECT_STREQ(state, "42000");
  EXPECT_STREQ(tessera_errmsg(err_), "no");
  // A NULL errptr is allowed: the error is dropped.
  EXPECT_EQ(tessera_execute(session_, "X", 1, nullptr, nullptr), nullptr);
}

TEST_F(CapiTest, BadAllocBecomesAnError) {
  canned_->throw_bad_alloc = true;
  EXPECT_EQ(Execute("SELECT 1"), nullptr);
  EXPECT_STREQ(err_, "ERROR 1041 (HY000): out of memory");
  tessera_free(err_);
  err_ = nullptr;
  tessera_begin(session_, &err_);
  EXPECT_NE(err_, nullptr);
}

TEST_F(CapiTest, TransactionsAndSessionState) {
  tessera_begin(session_, &err_);
  EXPECT_EQ(canned_->last_sql, "BEGIN");
  EXPECT_EQ(tessera_session_in_transaction(session_), 1);
  tessera_rollback(session_, &err_);
  EXPECT_EQ(canned_->last_sql, "ROLLBACK");
  tessera_commit(session_, &err_);
  EXPECT_EQ(canned_->last_sql, "COMMIT");
  EXPECT_EQ(err_, nullptr);
  size_t len = 0;
  char* target = tessera_session_target(session_, &len);
  EXPECT_EQ(std::string(target, len), "ks:-80");
  tessera_free(target);
  ASSERT_EQ(tessera_session_warning_count(session_), 1u);
  uint16_t code = 0;
  const char* level = nullptr;
  const char* message = nullptr;
  EXPECT_EQ(tessera_session_warning(session_, 0, &code, &level, &message, &len),
            1);
  EXPECT_EQ(code, 1265);
  EXPECT_STREQ(level, "Warning");
  EXPECT_EQ(std::string(message, len), "Data truncated");
}

}  // namespace
}  // namespace tessera::capi
