#include "tests/differential/outcome.h"

#include <utility>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "mariadb/mysql.h"
#include "tessera/router.h"

namespace tessera::difftest {

Outcome FromRouter(const absl::StatusOr<Result>& result) {
  Outcome out;
  if (!result.ok()) {
    out.error = ErrorCode(result.status());
    out.message = std::string(result.status().message());
    return out;
  }
  out.affected_rows = result->affected_rows;
  out.last_insert_id = result->last_insert_id;
  out.has_rows = result->has_result_set();
  for (const Field& f : result->fields) out.columns.push_back(f.name);
  for (const Row& row : result->rows) {
    std::vector<std::optional<std::string>> cells;
    cells.reserve(row.size());
    for (const Value& v : row) {
      cells.push_back(v.is_null() ? std::nullopt
                                  : std::optional<std::string>(v.bytes()));
    }
    out.rows.push_back(std::move(cells));
  }
  return out;
}

namespace {

std::string CompareErrors(const Statement& statement, const Outcome& ref,
                          const Outcome& sub) {
  if (statement.expect_error && ref.error != *statement.expect_error) {
    return absl::StrCat("reference did not fail with the expected error ",
                        *statement.expect_error);
  }
  if (ref.error != 0 && ref.error == sub.error) return "";
  return "errors differ";
}

bool SameColumns(const Outcome& ref, const Outcome& sub) {
  if (ref.columns.size() != sub.columns.size()) return false;
  for (size_t i = 0; i < ref.columns.size(); ++i) {
    if (absl::AsciiStrToLower(ref.columns[i]) !=
        absl::AsciiStrToLower(sub.columns[i])) {
      return false;
    }
  }
  return true;
}

}  // namespace

std::string Compare(const Statement& statement, const Outcome& reference,
                    const Outcome& subject) {
  if (subject.error == kNotSupportedYet && reference.error == 0) {
    return "unsupported";
  }
  if (reference.error != 0 || subject.error != 0 || statement.expect_error) {
    return CompareErrors(statement, reference, subject);
  }
  if (reference.has_rows != subject.has_rows) {
    return "one side returned rows, the other did not";
  }
  if (!reference.has_rows) {
    if (reference.affected_rows != subject.affected_rows) {
      return "affected rows differ";
    }
    std::string head = absl::AsciiStrToUpper(
        absl::StripLeadingAsciiWhitespace(statement.sql).substr(0, 6));
    if (head == "INSERT" &&
        reference.last_insert_id != subject.last_insert_id) {
      return "last insert id differs";
    }
    return "";
  }
  if (!SameColumns(reference, subject)) return "column names differ";
  return CompareRows(statement, reference.rows, subject.rows);
}

std::string Describe(const Outcome& outcome) {
  if (outcome.error != 0) {
    return absl::StrCat("error ", outcome.error, ": ", outcome.message);
  }
  if (!outcome.has_rows) {
    return absl::StrCat("OK, ", outcome.affected_rows,
                        " affected, last insert id ", outcome.last_insert_id);
  }
  return absl::StrCat("[", absl::StrJoin(outcome.columns, ", "), "] ",
                      FormatRows(outcome.rows));
}

absl::StatusOr<std::unique_ptr<ReferenceConnection>> ReferenceConnection::Open(
    const std::string& host, int port, const std::string& user,
    const std::string& password, const std::string& database) {
  MYSQL* mysql = mysql_init(nullptr);
  if (mysql == nullptr) return absl::InternalError("mysql_init failed");
  mysql_options(mysql, MYSQL_SET_CHARSET_NAME, "utf8mb4");
  if (mysql_real_connect(mysql, host.c_str(), user.c_str(), password.c_str(),
                         database.c_str(), port, nullptr, 0) == nullptr) {
    absl::Status status = absl::UnavailableError(absl::StrCat(
        "connecting to ", host, ":", port, ": ", mysql_error(mysql)));
    mysql_close(mysql);
    return status;
  }
  return std::unique_ptr<ReferenceConnection>(new ReferenceConnection(mysql));
}

ReferenceConnection::~ReferenceConnection() {
  mysql_close(static_cast<MYSQL*>(mysql_));
}

Outcome ReferenceConnection::Run(absl::string_view sql) {
  MYSQL* mysql = static_cast<MYSQL*>(mysql_);
  Outcome out;
  auto fail = [&] {
    out.error = static_cast<int>(mysql_errno(mysql));
    out.message = mysql_error(mysql);
    return out;
  };
  if (mysql_real_query(mysql, sql.data(), sql.size()) != 0) return fail();
  MYSQL_RES* res = mysql_store_result(mysql);
  if (res == nullptr) {
    if (mysql_field_count(mysql) != 0) return fail();
    out.affected_rows = mysql_affected_rows(mysql);
    out.last_insert_id = mysql_insert_id(mysql);
    return out;
  }
  out.has_rows = true;
  unsigned int n = mysql_num_fields(res);
  MYSQL_FIELD* fields = mysql_fetch_fields(res);
  for (unsigned int i = 0; i < n; ++i) out.columns.push_back(fields[i].name);
  while (MYSQL_ROW row = mysql_fetch_row(res)) {
    unsigned long* lengths = mysql_fetch_lengths(res);
    std::vector<std::optional<std::string>> cells;
    for (unsigned int i = 0; i < n; ++i) {
      if (row[i] == nullptr) {
        cells.push_back(std::nullopt);
      } else {
        cells.push_back(std::string(row[i], lengths[i]));
      }
    }
    out.rows.push_back(std::move(cells));
  }
  mysql_free_result(res);
  return out;
}

}  // namespace tessera::difftest
