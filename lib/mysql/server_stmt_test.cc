// Prepared statements through the server with libmariadb's binary protocol:
// every parameter type goes in, the fake session echoes it back as a typed
// column, and libmariadb decodes the binary row.
#include <cstring>
#include <string>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "lib/mysql/server_test_base.h"

namespace tessera::mysql {
namespace {

class StmtTest : public ServerTestBase {
 protected:
  void SetUp() override {
    ServerOptions o;
    o.max_prepared_statements = 4;
    StartServer(o);
    m_ = Connect("app", "secret");
    ASSERT_NE(m_, nullptr) << error_;
  }
  void TearDown() override {
    if (m_) mysql_close(m_);
    ServerTestBase::TearDown();
  }
  MYSQL_STMT* Prepare(const std::string& sql) {
    MYSQL_STMT* s = mysql_stmt_init(m_);
    if (mysql_stmt_prepare(s, sql.data(), sql.size()) != 0) {
      error_ = mysql_stmt_error(s);
      errno_ = mysql_stmt_errno(s);
      mysql_stmt_close(s);
      return nullptr;
    }
    return s;
  }
  MYSQL* m_ = nullptr;
};

TEST_F(StmtTest, AllTypesAndNullsRoundTrip) {
  MYSQL_STMT* s = Prepare("select ?,?,?,?,?,?,?,?,?,?,?,?,?,?");
  ASSERT_NE(s, nullptr) << error_;
  ASSERT_EQ(mysql_stmt_param_count(s), 14u);

  signed char tiny = -7;
  short small = -300;
  int32_t medium = 123456789;
  int64_t big = -9000000000000000000LL;
  uint64_t ubig = 18446744073709551615ULL;
  float f = 1.5f;
  double d = -2.25;
  char decimal[] = "12345.678";
  char text[] = "it's \"quoted\"\\";
  char blob[] = {'a', '\0', 'b', '\xff'};
  MYSQL_TIME date{}, datetime{}, time{};
  date.year = 2024, date.month = 2, date.day = 29;
  date.time_type = MYSQL_TIMESTAMP_DATE;
  datetime.year = 1999, datetime.month = 12, datetime.day = 31;
  datetime.hour = 23, datetime.minute = 59, datetime.second = 58;
  datetime.second_part = 123456;
  datetime.time_type = MYSQL_TIMESTAMP_DATETIME;
  time.neg = 1, time.hour = 26, time.minute = 3, time.second = 4;
  time.time_type = MYSQL_TIMESTAMP_TIME;
  unsigned long decimal_len = strlen(decimal), text_len = strlen(text),
                blob_len = sizeof(blob);
  my_bool is_null = 1;

  MYSQL_BIND in[14];
  memset(in, 0, sizeof(in));
  in[0].buffer_type = MYSQL_TYPE_TINY, in[0].buffer = &tiny;
  in[1].buffer_type = MYSQL_TYPE_SHORT, in[1].buffer = &small;
  in[2].buffer_type = MYSQL_TYPE_LONG, in[2].buffer = &medium;
  in[3].buffer_type = MYSQL_TYPE_LONGLONG, in[3].buffer = &big;
  in[4].buffer_type = MYSQL_TYPE_LONGLONG, in[4].buffer = &ubig;
  in[4].is_unsigned = 1;
  in[5].buffer_type = MYSQL_TYPE_FLOAT, in[5].buffer = &f;
  in[6].buffer_type = MYSQL_TYPE_DOUBLE, in[6].buffer = &d;
  in[7].buffer_type = MYSQL_TYPE_NEWDECIMAL, in[7].buffer = decimal;
  in[7].length = &decimal_len;
  in[8].buffer_type = MYSQL_TYPE_STRING, in[8].buffer = text;
  in[8].length = &text_len;
  in[9].buffer_type = MYSQL_TYPE_BLOB, in[9].buffer = blob;
  in[9].length = &blob_len;
  in[10].buffer_type = MYSQL_TYPE_DATE, in[10].buffer = &date;
  in[11].buffer_type = MYSQL_TYPE_DATETIME, in[11].buffer = &datetime;
  in[12].buffer_type = MYSQL_TYPE_TIME, in[12].buffer = &time;
  in[13].buffer_type = MYSQL_TYPE_LONG, in[13].is_null = &is_null;
  in[13].buffer = &medium;
  ASSERT_EQ(mysql_stmt_bind_param(s, in), 0);
  ASSERT_EQ(mysql_stmt_execute(s), 0) << mysql_stmt_error(s);
  ASSERT_EQ(mysql_stmt_field_count(s), 14u);

  signed char o_tiny = 0;
  short o_small = 0;
  int32_t o_medium = 0, o_null = 5;
  int64_t o_big = 0;
  uint64_t o_ubig = 0;
  float o_f = 0;
  double o_d = 0;
  char o_decimal[32] = {}, o_text[64] = {}, o_blob[16] = {};
  unsigned long lens[14] = {};
  my_bool nulls[14] = {};
  MYSQL_TIME o_date{}, o_datetime{}, o_time{};
  MYSQL_BIND out[14];
  memset(out, 0, sizeof(out));
  void* buffers[14] = {&o_tiny, &o_small,    &o_medium, &o_big, &o_ubig,
                       &o_f,    &o_d,        o_decimal, o_text, o_blob,
                       &o_date, &o_datetime, &o_time,   &o_null};
  enum_field_types types[14] = {
      MYSQL_TYPE_TINY,     MYSQL_TYPE_SHORT,    MYSQL_TYPE_LONG,
      MYSQL_TYPE_LONGLONG, MYSQL_TYPE_LONGLONG, MYSQL_TYPE_FLOAT,
      MYSQL_TYPE_DOUBLE,   MYSQL_TYPE_STRING,   MYSQL_TYPE_STRING,
      MYSQL_TYPE_BLOB,     MYSQL_TYPE_DATE,     MYSQL_TYPE_DATETIME,
      MYSQL_TYPE_TIME,     MYSQL_TYPE_LONG};
  for (int i = 0; i < 14; ++i) {
    out[i].buffer_type = types[i];
    out[i].buffer = buffers[i];
    out[i].buffer_length = 32;
    out[i].length = &lens[i];
    out[i].is_null = &nulls[i];
  }
  out[4].is_unsigned = 1;
  out[8].buffer_length = sizeof(o_text);
  out[9].buffer_length = sizeof(o_blob);
  ASSERT_EQ(mysql_stmt_bind_result(s, out), 0);
  ASSERT_EQ(mysql_stmt_store_result(s), 0) << mysql_stmt_error(s);
  ASSERT_EQ(mysql_stmt_fetch(s), 0) << mysql_stmt_error(s);
  EXPECT_EQ(o_tiny, -7);
  EXPECT_EQ(o_small, -300);
  EXPECT_EQ(o_medium, 123456789);
  EXPECT_EQ(o_big, big);
  EXPECT_EQ(o_ubig, ubig);
  EXPECT_FLOAT_EQ(o_f, 1.5f);
  EXPECT_DOUBLE_EQ(o_d, -2.25);
  EXPECT_EQ(std::string(o_decimal, lens[7]), "12345.678");
  EXPECT_EQ(std::string(o_text, lens[8]), text);
  EXPECT_EQ(std::string(o_blob, lens[9]), std::string(blob, sizeof(blob)));
  EXPECT_EQ(o_date.year, 2024u);
  EXPECT_EQ(o_date.month, 2u);
  EXPECT_EQ(o_date.day, 29u);
  EXPECT_EQ(o_datetime.year, 1999u);
  EXPECT_EQ(o_datetime.second, 58u);
  EXPECT_EQ(o_datetime.second_part, 123456u);
  EXPECT_EQ(o_time.neg, 1);
  EXPECT_EQ(o_time.hour, 26u);
  EXPECT_EQ(o_time.minute, 3u);
  EXPECT_TRUE(nulls[13]);
  for (int i = 0; i < 13; ++i) EXPECT_FALSE(nulls[i]) << i;
  EXPECT_EQ(mysql_stmt_fetch(s), MYSQL_NO_DATA);

  // Re-execute with new values and the same bindings.
  medium = -1;
  is_null = 0;
  ASSERT_EQ(mysql_stmt_execute(s), 0) << mysql_stmt_error(s);
  ASSERT_EQ(mysql_stmt_bind_result(s, out), 0);
  ASSERT_EQ(mysql_stmt_store_result(s), 0);
  ASSERT_EQ(mysql_stmt_fetch(s), 0);
  EXPECT_EQ(o_medium, -1);
  EXPECT_FALSE(nulls[13]);
  mysql_stmt_close(s);
}

TEST_F(StmtTest, SendLongData) {
  MYSQL_STMT* s = Prepare("select ?");
  ASSERT_NE(s, nullptr) << error_;
  MYSQL_BIND in;
  memset(&in, 0, sizeof(in));
  in.buffer_type = MYSQL_TYPE_BLOB;
  ASSERT_EQ(mysql_stmt_bind_param(s, &in), 0);
  std::string chunk(100000, 'L');
  ASSERT_EQ(mysql_stmt_send_long_data(s, 0, chunk.data(), chunk.size()), 0);
  ASSERT_EQ(mysql_stmt_send_long_data(s, 0, "end", 3), 0);
  ASSERT_EQ(mysql_stmt_execute(s), 0) << mysql_stmt_error(s);
  std::string got(200000, '\0');
  unsigned long len = 0;
  MYSQL_BIND out;
  memset(&out, 0, sizeof(out));
  out.buffer_type = MYSQL_TYPE_BLOB;
  out.buffer = got.data();
  out.buffer_length = got.size();
  out.length = &len;
  ASSERT_EQ(mysql_stmt_bind_result(s, &out), 0);
  ASSERT_EQ(mysql_stmt_store_result(s), 0);
  ASSERT_EQ(mysql_stmt_fetch(s), 0);
  EXPECT_EQ(got.substr(0, len), chunk + "end");
  // COM_STMT_RESET clears long data; the statement still works.
  EXPECT_EQ(mysql_stmt_reset(s), 0);
  mysql_stmt_close(s);
}

TEST_F(StmtTest, ErrorsAndLimits) {
  EXPECT_EQ(Prepare("fail ?"), nullptr);
  EXPECT_EQ(errno_, 1064u);
  MYSQL_STMT* kept[4];
  for (auto& k : kept) {
    k = Prepare("select 1");
    ASSERT_NE(k, nullptr) << error_;
  }
  EXPECT_EQ(Prepare("select 2"), nullptr);
  EXPECT_EQ(errno_, 1461u);
  // Closing one frees a slot.
  mysql_stmt_close(kept[0]);
  MYSQL_STMT* again = Prepare("select rows 2");
  ASSERT_NE(again, nullptr) << error_;
  ASSERT_EQ(mysql_stmt_execute(again), 0) << mysql_stmt_error(again);
  ASSERT_EQ(mysql_stmt_store_result(again), 0);
  EXPECT_EQ(mysql_stmt_num_rows(again), 2u);
  mysql_stmt_close(again);
  for (int i = 1; i < 4; ++i) mysql_stmt_close(kept[i]);
  // Text queries still work after all that.
  EXPECT_EQ(Rows(m_, "select rows 1"),
            (std::vector<std::vector<std::string>>{{"1"}}));
}

// Server-side cursors: execute with CURSOR_TYPE_READ_ONLY answers only the
// metadata; libmariadb then fetches PREFETCH_ROWS rows per COM_STMT_FETCH,
// and other commands may run while the cursor is open.
TEST_F(StmtTest, CursorFetch) {
  MYSQL_STMT* s = Prepare("select rows 7");
  ASSERT_NE(s, nullptr) << error_;
  unsigned long type = CURSOR_TYPE_READ_ONLY, prefetch = 3;
  ASSERT_EQ(mysql_stmt_attr_set(s, STMT_ATTR_CURSOR_TYPE, &type), 0);
  ASSERT_EQ(mysql_stmt_attr_set(s, STMT_ATTR_PREFETCH_ROWS, &prefetch), 0);
  int64_t value = 0;
  MYSQL_BIND out;
  memset(&out, 0, sizeof(out));
  out.buffer_type = MYSQL_TYPE_LONGLONG;
  out.buffer = &value;
  auto fetch_all = [&](std::vector<int64_t>* got) {
    int rc;
    while ((rc = mysql_stmt_fetch(s)) == 0) got->push_back(value);
    return rc;
  };
  for (int round = 0; round < 2; ++round) {
    ASSERT_EQ(mysql_stmt_execute(s), 0) << mysql_stmt_error(s);
    unsigned int status = 0;
    mariadb_get_infov(m_, MARIADB_CONNECTION_SERVER_STATUS, &status);
    EXPECT_NE(status & SERVER_STATUS_CURSOR_EXISTS, 0u);
    ASSERT_EQ(mysql_stmt_bind_result(s, &out), 0);
    std::vector<int64_t> got;
    ASSERT_EQ(mysql_stmt_fetch(s), 0) << mysql_stmt_error(s);
    got.push_back(value);
    // A text query while the cursor is open.
    EXPECT_EQ(Rows(m_, "select rows 2"),
              (std::vector<std::vector<std::string>>{{"1"}, {"2"}}));
    EXPECT_EQ(fetch_all(&got), MYSQL_NO_DATA) << mysql_stmt_error(s);
    EXPECT_EQ(got, (std::vector<int64_t>{1, 2, 3, 4, 5, 6, 7}));
  }
  // Re-executing with rows left closes the old cursor.
  ASSERT_EQ(mysql_stmt_execute(s), 0) << mysql_stmt_error(s);
  ASSERT_EQ(mysql_stmt_fetch(s), 0);
  ASSERT_EQ(mysql_stmt_execute(s), 0) << mysql_stmt_error(s);
  std::vector<int64_t> got;
  EXPECT_EQ(fetch_all(&got), MYSQL_NO_DATA);
  EXPECT_EQ(got.size(), 7u);
  mysql_stmt_close(s);

  // Statements without a result set answer normally.
  s = Prepare("insert");
  ASSERT_NE(s, nullptr) << error_;
  ASSERT_EQ(mysql_stmt_attr_set(s, STMT_ATTR_CURSOR_TYPE, &type), 0);
  ASSERT_EQ(mysql_stmt_execute(s), 0) << mysql_stmt_error(s);
  EXPECT_EQ(mysql_stmt_affected_rows(s), 3u);
  mysql_stmt_close(s);
  // An empty result: the first fetch ends it.
  s = Prepare("select rows 0");
  ASSERT_NE(s, nullptr) << error_;
  ASSERT_EQ(mysql_stmt_attr_set(s, STMT_ATTR_CURSOR_TYPE, &type), 0);
  ASSERT_EQ(mysql_stmt_execute(s), 0) << mysql_stmt_error(s);
  ASSERT_EQ(mysql_stmt_bind_result(s, &out), 0);
  EXPECT_EQ(mysql_stmt_fetch(s), MYSQL_NO_DATA);
  mysql_stmt_close(s);
}

}  // namespace
}  // namespace tessera::mysql
