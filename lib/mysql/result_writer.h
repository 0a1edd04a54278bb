// Encodes the answer to COM_QUERY / COM_STMT_EXECUTE / COM_STMT_PREPARE as
// packets (text or binary result sets, OK, ERR), honouring
// CLIENT_DEPRECATE_EOF and setting SERVER_MORE_RESULTS_EXISTS between
// results. Pure functions over strings: no I/O, thread-compatible.
#ifndef TESSERA_LIB_MYSQL_RESULT_WRITER_H_
#define TESSERA_LIB_MYSQL_RESULT_WRITER_H_

#include <cstdint>
#include <string>
#include <vector>

#include "absl/types/span.h"
#include "lib/mysql/session.h"

namespace tessera::mysql {

struct WriterContext {
  uint32_t capabilities = 0;  // negotiated
  uint8_t* seq = nullptr;     // next sequence id, advanced
  std::string* out = nullptr;
};

// Appends every result of `result` and its error, if any. With `binary`,
// rows use the binary protocol; `prepared_fields`, when it has as many
// columns as a result, replaces that result's metadata (the types a client
// bound at prepare time). An empty `result` without error yields one OK.
void AppendQueryResult(const QueryResult& result, bool binary,
                       absl::Span<const Field> prepared_fields,
                       const WriterContext& ctx);

// Appends a COM_STMT_PREPARE_OK response and its parameter and column
// definitions.
void AppendPrepareOk(uint32_t statement_id, const PrepareInfo& info,
                     const WriterContext& ctx);

// Server-side cursors (COM_STMT_EXECUTE with CURSOR_TYPE_READ_ONLY): the
// execute answer is the column count, the column definitions and one
// EOF (or OK-as-EOF) carrying SERVER_STATUS_CURSOR_EXISTS; the rows follow
// on COM_STMT_FETCH.
void AppendCursorOpen(absl::Span<const Field> fields, uint16_t warnings,
                      uint16_t status_flags, const WriterContext& ctx);
// The answer to COM_STMT_FETCH: `rows` as binary rows, then EOF with
// SERVER_STATUS_CURSOR_EXISTS, or SERVER_STATUS_LAST_ROW_SENT when `last`.
// An ERR packet instead if a value does not fit its column type.
void AppendCursorRows(absl::Span<const Field> fields,
                      absl::Span<const Row> rows, bool last,
                      uint16_t status_flags, const WriterContext& ctx);

// Appends one packet.
void AppendPayload(absl::string_view payload, const WriterContext& ctx);

}  // namespace tessera::mysql

#endif  // TESSERA_LIB_MYSQL_RESULT_WRITER_H_
