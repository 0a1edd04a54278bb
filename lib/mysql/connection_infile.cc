// LOAD DATA LOCAL INFILE: the server asks the client for the file (0xFB +
// name), reads its packets up to the empty one, and hands the content to
// the session with the statement. Off unless ServerOptions::
// allow_local_infile; sessions that cannot take the data (the router)
// refuse before the file is asked for.
#include "absl/strings/str_cat.h"
#include "lib/base/mysql_error.h"
#include "lib/mysql/connection.h"
#include "lib/mysql/constants.h"

namespace tessera::mysql {
namespace {

constexpr uint16_t kNotAllowedCommand = 1148;  // 42000

}  // namespace

asio::awaitable<void> Connection::HandleLoadDataLocal(
    absl::string_view sql, const std::string& file,
    std::chrono::steady_clock::time_point start) {
  absl::Status refused;
  if (!server_->options.allow_local_infile ||
      !(capabilities_ & cap::kLocalFiles)) {
    refused = MysqlError(kNotAllowedCommand, "42000",
                         "The used command is not allowed with this MariaDB "
                         "version (LOAD DATA LOCAL INFILE is off on the "
                         "gateway or the client)");
  } else if (!session_->SupportsLocalInfile()) {
    refused = UnsupportedError(
        "unsupported: LOAD DATA LOCAL INFILE through the router; insert the "
        "rows with INSERT statements");
  }
  if (!refused.ok()) {
    io_.Queue(EncodeErr(refused));
    Observe(Command::kQuery, sql, start, nullptr, refused);
    co_return;
  }
  io_.Queue(absl::StrCat("\xFB", file));
  if (!co_await Flush()) co_return;
  // The file arrives as packets up to an empty one; all of it is read even
  // when it is too big, so the connection stays in sync.
  const size_t limit = server_->options.max_local_infile_bytes;
  std::string data;
  bool too_big = false;
  while (true) {
    absl::StatusOr<std::string> packet = co_await io_.Read();
    if (!packet.ok()) {
      // A broken stream or a bad sequence id: the connection must end.
      if (!io_.broken()) io_.Queue(EncodeErr(packet.status()));
      close_requested_ = true;
      co_return;
    }
    if (packet->empty()) break;
    if (too_big || data.size() + packet->size() > limit) {
      too_big = true;
      data.clear();
      continue;
    }
    data.append(*packet);
  }
  if (too_big) {
    absl::Status s = MysqlError(
        er::kNetPacketTooLarge, "08S01",
        absl::StrCat("LOAD DATA LOCAL INFILE: the file is larger than the "
                     "gateway's limit of ",
                     limit, " bytes"));
    io_.Queue(EncodeErr(s));
    Observe(Command::kQuery, sql, start, nullptr, s);
    co_return;
  }
  co_await RunQuery(sql, &data, start);
}

}  // namespace tessera::mysql
