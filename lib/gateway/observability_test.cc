// Metrics, the slow-query log and the HTTP server, in process.
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <string>

#include "absl/strings/match.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "lib/gateway/http_server.h"
#include "lib/gateway/metrics.h"
#include "lib/gateway/query_log.h"

namespace tessera::gateway {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

mysql::CommandEvent Event(absl::string_view sql, absl::Duration elapsed,
                          uint16_t error = 0, uint64_t rows = 0) {
  mysql::CommandEvent e;
  e.connection_id = 7;
  e.user = "app";
  e.sql = sql;
  e.elapsed = elapsed;
  e.error_code = error;
  e.rows = rows;
  return e;
}

TEST(MetricsTest, ClassifyStatement) {
  struct Case {
    const char* sql;
    const char* type;
  };
  const Case cases[] = {
      {"SELECT 1", "select"},
      {"  /* hint */ (select 1) union (select 2)", "select"},
      {"-- c\ninsert into t values (1)", "insert"},
      {"Update t set a=1", "update"},
      {"DELETE FROM t", "delete"},
      {"set autocommit=0", "set"},
      {"START TRANSACTION", "begin"},
      {"commit", "commit"},
      {"CREATE TABLE t (a int)", "ddl"},
      {"with x as (select 1) select * from x", "select"},
      {"SHOW TABLES", "show"},
      {"frobnicate", "other"},
      {"", "other"},
  };
  for (const Case& c : cases) {
    EXPECT_EQ(StatementTypeName(ClassifyStatement(c.sql)), c.type) << c.sql;
  }
}

TEST(MetricsTest, RendersCountersHistogramsAndErrors) {
  Metrics m;
  m.OnCommand(Event("SELECT 1", absl::Microseconds(300), 0, 1));
  m.OnCommand(Event("select 2", absl::Milliseconds(20), 0, 4));
  m.OnCommand(Event("SELECT * FROM nope", absl::Microseconds(50), 1146));
  m.OnCommand(Event("INSERT INTO t VALUES (1)", absl::Seconds(9)));
  mysql::ServerStats stats;
  stats.connections_open = 3;
  stats.connections_accepted = 10;
  std::string text = m.Render(stats);
  EXPECT_THAT(text, HasSubstr("tessera_gateway_connections_open 3\n"));
  EXPECT_THAT(text,
              HasSubstr("tessera_gateway_connections_accepted_total 10\n"));
  EXPECT_THAT(text,
              HasSubstr("# TYPE tessera_gateway_queries_total counter\n"));
  EXPECT_THAT(text, HasSubstr("tessera_gateway_queries_total{command=\"query\","
                              "type=\"select\",result=\"ok\"} 2\n"));
  EXPECT_THAT(text, HasSubstr("tessera_gateway_queries_total{command=\"query\","
                              "type=\"select\",result=\"error\"} 1\n"));
  EXPECT_THAT(text, HasSubstr("tessera_gateway_query_duration_seconds_bucket{"
                              "type=\"select\",le=\"0.0001\"} 1\n"));
  EXPECT_THAT(text, HasSubstr("tessera_gateway_query_duration_seconds_bucket{"
                              "type=\"select\",le=\"0.0005\"} 2\n"));
  EXPECT_THAT(text, HasSubstr("tessera_gateway_query_duration_seconds_bucket{"
                              "type=\"select\",le=\"+Inf\"} 3\n"));
  EXPECT_THAT(text, HasSubstr("tessera_gateway_query_duration_seconds_count{"
                              "type=\"select\"} 3\n"));
  EXPECT_THAT(text, HasSubstr("tessera_gateway_query_duration_seconds_bucket{"
                              "type=\"insert\",le=\"5\"} 0\n"));
  EXPECT_THAT(text, HasSubstr("tessera_gateway_query_duration_seconds_bucket{"
                              "type=\"insert\",le=\"+Inf\"} 1\n"));
  EXPECT_THAT(text,
              HasSubstr("tessera_gateway_errors_total{errno=\"1146\"} 1\n"));
  EXPECT_THAT(text, HasSubstr("tessera_gateway_rows_returned_total 5\n"));
  EXPECT_THAT(text, Not(HasSubstr("type=\"update\"")));
}

TEST(QueryLogTest, RedactSql) {
  struct Case {
    const char* sql;
    const char* want;
  };
  const Case cases[] = {
      {"SELECT * FROM t WHERE name = 'alice' AND id = 42",
       "SELECT * FROM t WHERE name = ? AND id = ?"},
      {"insert into t values (1.5, x'0aff', 0x1F, b'101', \"pw\")",
       "insert into t values ( ? , ? , ? , ? , ? )"},
      {"SELECT /* secret */ a FROM t -- more\n", "SELECT a FROM t"},
      {"SELECT a FROM t WHERE id = ?", "SELECT a FROM t WHERE id = ?"},
      {"SELECT 'unterminated", "<20 bytes the lexer cannot read>"},
  };
  for (const Case& c : cases) {
    EXPECT_EQ(RedactSql(c.sql), c.want) << c.sql;
  }
  EXPECT_EQ(HtmlEscape("<b a=\"1\">&'"), "&lt;b a=&quot;1&quot;&gt;&amp;&#39;");
}

TEST(QueryLogTest, KeepsSlowQueriesNewestFirstRedactedAndEscaped) {
  QueryLog log(absl::Milliseconds(10), 2);
  log.OnCommand(Event("SELECT 1", absl::Milliseconds(1)));  // fast: dropped
  log.OnCommand(Event("SELECT 'a' FROM t1", absl::Milliseconds(11)));
  log.OnCommand(Event("SELECT `<x>` FROM t2 WHERE a = 'secret'",
                      absl::Milliseconds(50), 1317));
  log.OnCommand(Event("SELECT 3 FROM t3", absl::Milliseconds(12)));
  auto recent = log.Recent();
  ASSERT_EQ(recent.size(), 2u);
  EXPECT_EQ(recent[0].sql, "SELECT ? FROM t3");
  EXPECT_EQ(recent[1].error_code, 1317);
  std::string html = log.RenderHtml();
  EXPECT_THAT(html, HasSubstr("`&lt;x&gt;`"));
  EXPECT_THAT(html, Not(HasSubstr("secret")));
  EXPECT_THAT(html, Not(HasSubstr("<x>")));
  EXPECT_THAT(html, Not(HasSubstr("t1")));
}

// GET `target` from 127.0.0.1:port; the whole response.
std::string HttpGet(int port, const std::string& request) {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(static_cast<uint16_t>(port));
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof(addr)) != 0) {
    close(fd);
    return "connect failed";
  }
  (void)!write(fd, request.data(), request.size());
  std::string out;
  char buf[4096];
  for (int i = 0; i < 1000; ++i) {
    ssize_t n = read(fd, buf, sizeof(buf));
    if (n <= 0) break;
    out.append(buf, static_cast<size_t>(n));
  }
  close(fd);
  return out;
}

TEST(HttpServerTest, ServesGetAndRefusesTheRest) {
  HttpServer server(
      "127.0.0.1", 0, [](absl::string_view path, absl::string_view query) {
        if (path != "/hello") return HttpResponse{404, "text/plain", "no\n"};
        return HttpResponse{200, "text/plain", "hi " + std::string(query)};
      });
  ASSERT_TRUE(server.Start().ok());
  std::string r =
      HttpGet(server.port(), "GET /hello?x=1 HTTP/1.1\r\nHost: a\r\n\r\n");
  EXPECT_TRUE(absl::StartsWith(r, "HTTP/1.1 200 OK\r\n")) << r;
  EXPECT_THAT(r, HasSubstr("Content-Length: 6\r\n"));
  EXPECT_TRUE(absl::EndsWith(r, "\r\n\r\nhi x=1")) << r;
  r = HttpGet(server.port(), "HEAD /hello HTTP/1.0\r\n\r\n");
  EXPECT_TRUE(absl::EndsWith(r, "\r\n\r\n")) << r;
  EXPECT_TRUE(absl::StartsWith(
      HttpGet(server.port(), "GET /nope HTTP/1.1\r\n\r\n"), "HTTP/1.1 404"));
  EXPECT_TRUE(absl::StartsWith(
      HttpGet(server.port(), "POST /hello HTTP/1.1\r\n\r\n"), "HTTP/1.1 405"));
  EXPECT_TRUE(absl::StartsWith(HttpGet(server.port(), "garbage\r\n\r\n"),
                               "HTTP/1.1 400"));
  // A request without an end that exceeds the limit is refused, not buffered.
  EXPECT_TRUE(absl::StartsWith(
      HttpGet(server.port(), "GET /" + std::string(20000, 'a')),
      "HTTP/1.1 400"));
  server.Stop();
}

}  // namespace
}  // namespace tessera::gateway
