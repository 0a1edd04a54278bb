// Where a MySQL server's answer to one command ends, for the packet relay
// (relay_session.h): a small state machine fed with the first bytes and the
// length of each logical packet of the answer, in order. It knows the
// answers of COM_QUERY and COM_STMT_EXECUTE (result sets in the text or
// binary protocol, with or without CLIENT_DEPRECATE_EOF, multi-results,
// server-side cursors, LOCAL INFILE requests), COM_STMT_FETCH,
// COM_STMT_PREPARE, COM_FIELD_LIST and the one-packet answers (OK, ERR,
// EOF). It never sees the rest of a packet, so rows stream through.
//
// Pure and not thread-safe; one per backend connection, restarted per
// command.
#ifndef TESSERA_LIB_MYSQL_RELAY_FRAMER_H_
#define TESSERA_LIB_MYSQL_RELAY_FRAMER_H_

#include <cstddef>
#include <cstdint>

#include "absl/strings/string_view.h"

namespace tessera::mysql {

class RelayFramer {
 public:
  enum class Mode {
    kResults,        // COM_QUERY
    kBinaryResults,  // COM_STMT_EXECUTE
    kFetch,          // COM_STMT_FETCH
    kPrepare,        // COM_STMT_PREPARE
    kFieldList,      // COM_FIELD_LIST
    kSingle,         // one OK / ERR / EOF packet
  };
  enum class Packet {
    kOk,
    kErr,
    kEof,  // EOF, or the OK that replaces it (CLIENT_DEPRECATE_EOF)
    kColumnCount,
    kDefinition,  // column or parameter definition
    kRow,
    kLocalInfile,  // 0xFB: the server asks for the client's file
    kPrepareOk,
  };
  // Bytes of a packet's start that OnPacket needs (or the whole packet if
  // it is shorter).
  static constexpr size_t kPrefix = 32;

  void Start(Mode mode, bool deprecate_eof);
  // Classifies the next logical packet of the answer from its first
  // min(length, kPrefix) bytes and advances. Malformed answers end it.
  Packet OnPacket(absl::string_view prefix, size_t length);
  bool done() const { return state_ == State::kDone; }

  // About the answer so far.
  uint16_t status_flags() const { return status_flags_; }
  bool has_status() const { return has_status_; }
  uint16_t error_code() const { return error_code_; }
  uint64_t rows() const { return rows_; }
  uint64_t affected_rows() const { return affected_rows_; }
  // COM_STMT_PREPARE's statement id (valid after kPrepareOk).
  uint32_t statement_id() const { return statement_id_; }

 private:
  enum class State {
    kFirst,        // OK, ERR, LOCAL INFILE request or a column count
    kColumns,      // column definitions (remaining_ left)
    kColumnsEof,   // the EOF after them
    kRows,         // rows up to EOF/OK or ERR
    kPrepareDefs,  // parameter then column definitions of a prepare
    kPrepareEof,   // the EOF after a block of them
    kDone,
  };
  void ReadOk(absl::string_view p);
  void ReadEof(absl::string_view p, size_t length);
  Packet Terminator(absl::string_view p, size_t length);
  bool IsTerminator(absl::string_view p, size_t length) const;
  Packet First(absl::string_view p, size_t length);
  Packet Prepare(absl::string_view p, size_t length);

  Mode mode_ = Mode::kSingle;
  State state_ = State::kDone;
  bool deprecate_eof_ = false;
  uint64_t remaining_ = 0;        // definitions left in the current block
  uint16_t prepare_columns_ = 0;  // kPrepareDefs: the column block, next
  uint16_t status_flags_ = 0;
  bool has_status_ = false;
  uint16_t error_code_ = 0;
  uint64_t rows_ = 0;
  uint64_t affected_rows_ = 0;
  uint32_t statement_id_ = 0;
};

}  // namespace tessera::mysql

#endif  // TESSERA_LIB_MYSQL_RELAY_FRAMER_H_
