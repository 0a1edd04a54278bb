#include "lib/mysql/relay_framer.h"

#include "lib/mysql/constants.h"
#include "lib/mysql/wire.h"

namespace tessera::mysql {
namespace {

// A packet's bytes after its first (none for an empty packet, which a
// backend may send: absl::string_view::substr(1) would throw).
absl::string_view AfterHeader(absl::string_view p) {
  return p.empty() ? p : p.substr(1);
}

}  // namespace

void RelayFramer::Start(Mode mode, bool deprecate_eof) {
  mode_ = mode;
  deprecate_eof_ = deprecate_eof;
  state_ = State::kFirst;
  remaining_ = 0;
  prepare_columns_ = 0;
  has_status_ = false;
  status_flags_ = 0;
  error_code_ = 0;
  rows_ = 0;
  affected_rows_ = 0;
  statement_id_ = 0;
  if (mode == Mode::kFetch) state_ = State::kRows;
  if (mode == Mode::kFieldList) state_ = State::kColumns;
}

void RelayFramer::ReadOk(absl::string_view p) {
  WireReader r(AfterHeader(p));
  uint64_t affected = r.LenencInt();
  r.LenencInt();  // last insert id
  uint16_t flags = r.Int2();
  if (!r.ok()) return;  // a truncated prefix cannot happen for short OKs
  affected_rows_ += affected;
  status_flags_ = flags;
  has_status_ = true;
}

void RelayFramer::ReadEof(absl::string_view p, size_t length) {
  if (deprecate_eof_ && length >= 7) {  // an OK with the 0xFE header
    ReadOk(p);
    return;
  }
  WireReader r(AfterHeader(p));
  r.Int2();  // warnings
  uint16_t flags = r.Int2();
  if (!r.ok()) return;
  status_flags_ = flags;
  has_status_ = true;
}

bool RelayFramer::IsTerminator(absl::string_view p, size_t length) const {
  if (p.empty() || static_cast<uint8_t>(p[0]) != 0xFE) return false;
  return deprecate_eof_ ? length < kMaxPacketChunk : length < 9;
}

RelayFramer::Packet RelayFramer::Terminator(absl::string_view p,
                                            size_t length) {
  ReadEof(p, length);
  bool more = has_status_ && (status_flags_ & status::kMoreResultsExist) &&
              mode_ != Mode::kFetch && mode_ != Mode::kFieldList;
  state_ = more ? State::kFirst : State::kDone;
  return Packet::kEof;
}

RelayFramer::Packet RelayFramer::First(absl::string_view p, size_t length) {
  uint8_t head = p.empty() ? 0xFF : static_cast<uint8_t>(p[0]);
  if (head == 0x00 && mode_ != Mode::kSingle) {
    ReadOk(p);
    bool more = has_status_ && (status_flags_ & status::kMoreResultsExist);
    state_ = more ? State::kFirst : State::kDone;
    return Packet::kOk;
  }
  if (head == 0xFB && mode_ == Mode::kResults) {
    return Packet::kLocalInfile;  // then OK or ERR, still kFirst
  }
  WireReader r(p);
  uint64_t columns = r.LenencInt();
  if (!r.ok() || columns == 0) {  // malformed: end here
    state_ = State::kDone;
    return Packet::kErr;
  }
  remaining_ = columns;
  state_ = State::kColumns;
  (void)length;
  return Packet::kColumnCount;
}

RelayFramer::Packet RelayFramer::Prepare(absl::string_view p, size_t length) {
  if (state_ == State::kFirst) {
    WireReader r(AfterHeader(p));
    statement_id_ = r.Int4();
    uint16_t columns = r.Int2();
    uint16_t params = r.Int2();
    if (!r.ok()) {
      state_ = State::kDone;
      return Packet::kErr;
    }
    remaining_ = params > 0 ? params : columns;
    prepare_columns_ = params > 0 ? columns : 0;
    state_ = remaining_ > 0 ? State::kPrepareDefs : State::kDone;
    return Packet::kPrepareOk;
  }
  if (state_ == State::kPrepareDefs) {
    if (--remaining_ > 0) return Packet::kDefinition;
    if (!deprecate_eof_) {
      state_ = State::kPrepareEof;
      return Packet::kDefinition;
    }
    // No EOF after the block: the next block, or the end.
    remaining_ = prepare_columns_;
    prepare_columns_ = 0;
    state_ = remaining_ > 0 ? State::kPrepareDefs : State::kDone;
    return Packet::kDefinition;
  }
  // kPrepareEof
  ReadEof(p, length);
  remaining_ = prepare_columns_;
  prepare_columns_ = 0;
  state_ = remaining_ > 0 ? State::kPrepareDefs : State::kDone;
  return Packet::kEof;
}

RelayFramer::Packet RelayFramer::OnPacket(absl::string_view p, size_t length) {
  uint8_t head = p.empty() ? 0 : static_cast<uint8_t>(p[0]);
  if (head == 0xFF && state_ != State::kColumns &&
      state_ != State::kPrepareDefs) {
    WireReader r(AfterHeader(p));
    error_code_ = r.Int2();
    state_ = State::kDone;
    return Packet::kErr;
  }
  switch (state_) {
    case State::kDone:
      return Packet::kErr;  // nothing more was expected
    case State::kFirst:
      if (mode_ == Mode::kPrepare) return Prepare(p, length);
      if (mode_ == Mode::kSingle) {
        if (p.empty()) {  // malformed: end here
          state_ = State::kDone;
          return Packet::kErr;
        }
        if (head == 0x00) ReadOk(p);
        if (head == 0xFE) ReadEof(p, length);
        state_ = State::kDone;
        return head == 0x00 ? Packet::kOk : Packet::kEof;
      }
      return First(p, length);
    case State::kColumns:
      if (mode_ == Mode::kFieldList) {
        if (IsTerminator(p, length)) return Terminator(p, length);
        if (head == 0xFF) {
          WireReader r(AfterHeader(p));
          error_code_ = r.Int2();
          state_ = State::kDone;
          return Packet::kErr;
        }
        return Packet::kDefinition;
      }
      if (--remaining_ == 0) {
        state_ = deprecate_eof_ ? State::kRows : State::kColumnsEof;
      }
      return Packet::kDefinition;
    case State::kColumnsEof:
      ReadEof(p, length);
      state_ = State::kRows;
      if (has_status_ && (status_flags_ & status::kCursorExists)) {
        state_ = State::kDone;
      }
      return Packet::kEof;
    case State::kRows:
      if (IsTerminator(p, length)) return Terminator(p, length);
      ++rows_;
      return Packet::kRow;
    case State::kPrepareDefs:
    case State::kPrepareEof:
      return Prepare(p, length);
  }
  return Packet::kErr;
}

}  // namespace tessera::mysql
