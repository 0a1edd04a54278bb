// The relay's command path: a command goes to the backend as one packet
// (one write), the answer comes back through RelayFramer into the client's
// output buffer with the client's sequence ids.
#include <algorithm>
#include <array>
#include <cstring>
#include <string>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "lib/gateway/relay_session_internal.h"

namespace tessera::gateway {

namespace relay_internal {
namespace {

RelayFramer::Mode ModeFor(Command command) {
  switch (command) {
    case Command::kQuery:
      return RelayFramer::Mode::kResults;
    case Command::kStmtExecute:
      return RelayFramer::Mode::kBinaryResults;
    case Command::kStmtFetch:
      return RelayFramer::Mode::kFetch;
    case Command::kStmtPrepare:
      return RelayFramer::Mode::kPrepare;
    case Command::kFieldList:
      return RelayFramer::Mode::kFieldList;
    default:
      return RelayFramer::Mode::kSingle;
  }
}

constexpr uint16_t kNotAllowedCommand = 1148;  // 42000

uint32_t StatementId(absl::string_view packet) {
  mysql::WireReader r(packet.substr(1));
  return r.Int4();
}

void AppendError(const absl::Status& status, const mysql::RelayCommand& c) {
  mysql::AppendPacket(mysql::EncodeErr(status), c.seq, c.out);
}

}  // namespace

std::optional<absl::Status> RelaySession::Refuse(
    const mysql::RelayCommand& c) const {
  const auto command = static_cast<Command>(c.packet[0]);
  absl::string_view body = c.packet.substr(1);
  const auto& keyspaces = context_.allowed_keyspaces;
  if (command == Command::kInitDb && !KeyspaceAllowed(keyspaces, body)) {
    return DbAccessDenied(context_.user, body);
  }
  if (command == Command::kQuery) {
    absl::Status use = CheckUseStatement(body, context_.user, keyspaces);
    if (!use.ok()) return use;
  }
  if (command == Command::kStmtPrepare && max_prepared_ > 0 &&
      statements_.size() >= static_cast<size_t>(max_prepared_)) {
    return MysqlError(er::kMaxPreparedStmtCount, "42000",
                      absl::StrCat("Can't create more than "
                                   "max_prepared_stmt_count statements "
                                   "(current value: ",
                                   max_prepared_, ")"));
  }
  if (broken_) return Lost("the backend connection is closed");
  return std::nullopt;
}

asio::awaitable<mysql::RelayOutcome> RelaySession::Forward(
    const mysql::RelayCommand& c) {
  mysql::RelayOutcome out;
  const auto command = static_cast<Command>(c.packet[0]);
  if (std::optional<absl::Status> refused = Refuse(c)) {
    AppendError(*refused, c);
    out.error_code = ToMysqlError(*refused).code;
    out.close = broken_;
    co_return out;
  }
  asio::error_code ec;
  if (c.packet.size() < mysql::kMaxPacketChunk) {
    // Header and payload in one writev, no copy.
    const size_t n = c.packet.size();
    const char header[4] = {static_cast<char>(n), static_cast<char>(n >> 8),
                            static_cast<char>(n >> 16), 0};
    std::array<asio::const_buffer, 2> buffers = {
        asio::buffer(header, 4), asio::buffer(c.packet.data(), n)};
    co_await asio::async_write(*socket_, buffers,
                               asio::redirect_error(asio::use_awaitable, ec));
  } else {
    std::string frame;
    uint8_t seq = 0;
    mysql::AppendPacket(c.packet, &seq, &frame);
    co_await asio::async_write(*socket_, asio::buffer(frame),
                               asio::redirect_error(asio::use_awaitable, ec));
  }
  if (ec) {
    broken_ = true;
    AppendError(Lost(ec.message()), c);
    out.error_code = kLostBackend;
    out.close = true;
    co_return out;
  }
  if (command == Command::kStmtClose) {
    statements_.erase(StatementId(c.packet));
    co_return out;
  }
  if (command == Command::kStmtSendLongData) co_return out;
  if (command == Command::kStmtExecute) {
    auto it = statements_.find(StatementId(c.packet));
    if (it != statements_.end()) out.statement_sql = it->second;
  }
  framer_.Start(ModeFor(command), (c.capabilities & cap::kDeprecateEof) != 0);
  Pass pass;
  while (true) {
    Step step = Consume(c, pass);
    if (step == Step::kDone) break;
    if (step == Step::kSendFile) {
      pass.infile = false;
      absl::Status s = co_await SendFile(c.local_infile, backend_seq_ + 1);
      if (!s.ok()) {
        AppendError(s, c);
        out.error_code = kLostBackend;
        out.close = true;
        co_return out;
      }
      continue;
    }
    if (c.out->size() >= kFlushBytes && flush_ != nullptr &&
        !co_await flush_(flush_arg_)) {
      broken_ = true;  // the client is gone; so is the answer's remainder
      out.close = true;
      co_return out;
    }
    ec = co_await ReadSome();
    if (ec) {
      broken_ = true;
      AppendError(Lost(ec.message()), c);
      out.error_code = kLostBackend;
      out.close = true;
      co_return out;
    }
  }
  Finish(c, pass, out);
  if (command == Command::kResetConnection && out.error_code == 0) {
    // The reset cleared the backend's trackers too.
    absl::Status s = co_await EnableTracking();
    if (!s.ok()) {
      broken_ = true;
      out.close = true;
    }
  }
  co_return out;
}

RelaySession::Step RelaySession::Consume(const mysql::RelayCommand& c,
                                         Pass& pass) {
  if (!buf_) return Step::kNeedBytes;
  while (true) {
    size_t avail = end_ - begin_;
    if (pass.chunk_left > 0) {
      size_t n = std::min(pass.chunk_left, avail);
      if (n == 0) return Step::kNeedBytes;
      if (!pass.drop) c.out->append(buf_.get() + begin_, n);
      begin_ += n;
      pass.chunk_left -= n;
      continue;
    }
    if (pass.infile) return Step::kSendFile;
    if (framer_.done() && !pass.continued) return Step::kDone;
    if (avail < 4) return Step::kNeedBytes;
    auto* h = reinterpret_cast<uint8_t*>(buf_.get() + begin_);
    size_t len = h[0] | (h[1] << 8) | (h[2] << 16);
    if (pass.continued) {  // the next chunk of a packet of 16 MiB or more
      pass.continued = len == mysql::kMaxPacketChunk;
    } else {
      size_t need = std::min(len, RelayFramer::kPrefix);
      if (avail < 4 + need) return Step::kNeedBytes;
      backend_seq_ = h[3];
      OnPacket(c, pass, absl::string_view(buf_.get() + begin_ + 4, need), len);
      pass.continued = len == mysql::kMaxPacketChunk;
    }
    if (!pass.drop) {
      h[3] = (*c.seq)++;  // the client's numbering
      c.out->append(buf_.get() + begin_, 4);
    }
    begin_ += 4;
    pass.chunk_left = len;
  }
}

void RelaySession::OnPacket(const mysql::RelayCommand& c, Pass& pass,
                            absl::string_view prefix, size_t length) {
  RelayFramer::Packet kind = framer_.OnPacket(prefix, length);
  pass.drop = pass.drop_rest;
  if (kind == RelayFramer::Packet::kRow && !pass.drop_rest) {
    pass.row_bytes += length;
    uint64_t max_rows = options_.max_result_rows;
    uint64_t max_bytes = options_.max_result_bytes;
    if ((max_rows > 0 && framer_.rows() > max_rows) ||
        (max_bytes > 0 && pass.row_bytes > max_bytes)) {
      AppendError(MysqlError(er::kTooBigSelect, "42000",
                             absl::StrCat("result exceeds the gateway's limit "
                                          "of ",
                                          max_rows, " rows or ", max_bytes,
                                          " bytes; add a LIMIT")),
                  c);
      pass.injected_error = er::kTooBigSelect;
      pass.drop = pass.drop_rest = true;
    }
  } else if (kind == RelayFramer::Packet::kLocalInfile) {
    pass.drop = true;  // the gateway answers it with the client's file
    pass.infile = true;
    if (c.local_infile == nullptr && !pass.drop_rest) {
      // Not a LOAD DATA LOCAL the gateway read a file for (e.g. one hidden
      // in an executable comment): the backend gets an empty file, the
      // client an error, and the gateway never reads a file of its own.
      AppendError(MysqlError(kNotAllowedCommand, "42000",
                             "LOAD DATA LOCAL INFILE: only a file sent by "
                             "the client through the gateway can be loaded"),
                  c);
      pass.injected_error = kNotAllowedCommand;
      pass.drop_rest = true;
    }
  } else if (kind == RelayFramer::Packet::kErr && !pass.drop_rest &&
             c.timed_out != nullptr && c.timed_out(c.timed_out_arg)) {
    AppendError(MysqlError(er::kStatementTimeout, "70100",
                           "Query execution was interrupted "
                           "(max_statement_time exceeded)"),
                c);
    pass.injected_error = er::kStatementTimeout;
    pass.drop = true;
  }
}

asio::awaitable<absl::Status> RelaySession::SendFile(const std::string* data,
                                                     uint8_t seq) {
  // Packets of at most 1 MiB, then the empty packet that ends the file.
  constexpr size_t kPart = 1 << 20;
  absl::string_view rest = data ? absl::string_view(*data) : "";
  while (!rest.empty()) {
    size_t n = std::min(rest.size(), kPart);
    absl::Status s = co_await WritePacket(rest.substr(0, n), seq++);
    if (!s.ok()) co_return s;
    rest.remove_prefix(n);
  }
  co_return co_await WritePacket("", seq);
}

void RelaySession::Finish(const mysql::RelayCommand& c, const Pass& pass,
                          mysql::RelayOutcome& out) {
  const auto command = static_cast<Command>(c.packet[0]);
  out.error_code =
      pass.injected_error ? pass.injected_error : framer_.error_code();
  out.status_flags = framer_.status_flags();
  out.has_status = framer_.has_status();
  out.rows = framer_.rows();
  out.affected_rows = framer_.affected_rows();
  if (command == Command::kStmtPrepare && out.error_code == 0) {
    statements_[framer_.statement_id()] = std::string(c.packet.substr(1));
  }
  if (command == Command::kResetConnection && out.error_code == 0) {
    statements_.clear();
  }
  ReleaseBuffer();
}

}  // namespace relay_internal
}  // namespace tessera::gateway
