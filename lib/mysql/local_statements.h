// Statements the protocol server answers itself because they are about the
// gateway's own client connections, not about data: KILL [CONNECTION|QUERY]
// id, SHOW [FULL] PROCESSLIST and CONNECTION_ID(). Connection ids are the
// gateway's (the handshake's thread id), so the three agree with each other
// and with mysql_thread_id() on the client.
//
// A small scanner (not the SQL parser: lib/mysql sits below lib/sql) that
// skips strings, quoted identifiers and comments. Pure functions.
#ifndef TESSERA_LIB_MYSQL_LOCAL_STATEMENTS_H_
#define TESSERA_LIB_MYSQL_LOCAL_STATEMENTS_H_

#include <cstdint>
#include <optional>
#include <string>

#include "absl/strings/string_view.h"

namespace tessera::mysql {

struct LocalStatement {
  enum class Kind {
    kNone,            // not local: the session runs it
    kKillConnection,  // KILL [CONNECTION] id
    kKillQuery,       // KILL QUERY id
    kProcessList,     // SHOW [FULL] PROCESSLIST
    kConnectionId,    // SELECT CONNECTION_ID() [[AS] alias]
    kUnsupported,     // a KILL form or mix the gateway refuses (1235)
    kLoadDataLocal,   // LOAD DATA|XML ... LOCAL INFILE 'file'
  };
  Kind kind = Kind::kNone;
  uint64_t thread_id = 0;   // KILL
  bool full = false;        // SHOW FULL PROCESSLIST
  std::string column_name;  // CONNECTION_ID(): the result column's name
  std::string reason;       // kUnsupported: what is not supported
  std::string file_name;    // kLoadDataLocal: the file, unquoted
};

// Classifies COM_QUERY text. With several statements (multi-statements), a
// KILL or SHOW PROCESSLIST among them makes the whole text kUnsupported so
// that it never reaches a backend, where the id would name another server's
// thread; so does LOAD DATA LOCAL INFILE (the file must be asked for alone).
LocalStatement ClassifyLocalStatement(absl::string_view sql);

// `sql` with each CONNECTION_ID() call outside strings, quoted identifiers
// and comments replaced by `id`; nullopt when there is none.
std::optional<std::string> SubstituteConnectionId(absl::string_view sql,
                                                  uint32_t id);

}  // namespace tessera::mysql

#endif  // TESSERA_LIB_MYSQL_LOCAL_STATEMENTS_H_
