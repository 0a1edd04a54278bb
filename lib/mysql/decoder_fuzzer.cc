// Fuzz entry point for everything that decodes client bytes: packet framing,
// the compressed protocol, handshake and COM_CHANGE_USER payloads,
// COM_STMT_EXECUTE parameters and parameter interpolation, the classifier
// of statements the server answers itself (KILL, SHOW PROCESSLIST,
// CONNECTION_ID()) and users-file password hashes; and what the packet
// relay decodes of a backend's bytes: its greeting, its login answers and
// the answers RelayFramer frames. Built as a
// libFuzzer target with clang (see docs/gateway.md) and driven over a
// deterministic corpus by decoder_fuzzer_test under the normal toolchain.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "lib/mysql/binary_protocol.h"
#include "lib/mysql/codec.h"
#include "lib/mysql/compression.h"
#include "lib/mysql/constants.h"
#include "lib/mysql/local_statements.h"
#include "lib/mysql/messages.h"
#include "lib/mysql/relay_framer.h"
#include "lib/mysql/relay_login.h"
#include "lib/mysql/scramble.h"

namespace {

// Frames `stream` as a backend's answers the way the relay does
// (lib/gateway/relay_forward.cc): a 4-byte header, then the first
// min(length, kPrefix) bytes of the packet for RelayFramer; the chunks that
// continue a packet of 16 MiB or more are skipped; a new answer starts
// when the framer is done. Aborts if the framer breaks its contract.
void FrameBackendAnswers(absl::string_view stream, uint8_t selector) {
  using tessera::mysql::RelayFramer;
  const auto mode = static_cast<RelayFramer::Mode>((selector >> 1) % 6);
  const bool deprecate_eof = (selector & 0x20) != 0;
  RelayFramer framer;
  framer.Start(mode, deprecate_eof);
  bool continued = false;
  for (int packets = 0; packets < 512 && stream.size() >= 4; ++packets) {
    const auto* h = reinterpret_cast<const uint8_t*>(stream.data());
    const size_t length = h[0] | (h[1] << 8) | (h[2] << 16);
    stream.remove_prefix(4);
    const size_t need = std::min(length, RelayFramer::kPrefix);
    if (!continued) {
      if (stream.size() < need) break;  // the relay waits for more bytes
      if (framer.done()) framer.Start(mode, deprecate_eof);
      const uint64_t rows = framer.rows();
      auto kind = framer.OnPacket(stream.substr(0, need), length);
      if (framer.rows() < rows ||
          (kind == RelayFramer::Packet::kRow && framer.rows() != rows + 1)) {
        __builtin_trap();
      }
    }
    continued = length == tessera::mysql::kMaxPacketChunk;
    stream.remove_prefix(std::min(length, stream.size()));
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace tessera::mysql;
  std::string input(reinterpret_cast<const char*>(data), size);
  // The first byte picks parameters so one corpus reaches every decoder.
  uint8_t selector = size ? data[0] : 0;
  std::string body = size ? input.substr(1) : input;

  PacketDecoder framing(1 << 16);
  framing.set_check_sequence(selector & 1);
  framing.Feed(body);
  uint8_t seq = selector >> 4;
  for (int i = 0; i < 64; ++i) {
    auto p = framing.Next(&seq);
    if (!p.ok() || !p->has_value()) break;
  }

  CompressedDecoder compressed(1 << 16);
  compressed.Feed(body);
  uint8_t cseq = 0;
  for (int i = 0; i < 16; ++i) {
    auto f = compressed.Next(&cseq);
    if (!f.ok() || !f->has_value()) break;
  }

  (void)IsSslRequest(body);
  (void)PeekCapabilities(body);
  (void)PeekStatementId(body);
  (void)DecodeHandshakeResponse(body);
  (void)DecodeChangeUser(body, cap::kProtocol41 | cap::kSecureConnection |
                                   cap::kPluginAuth | cap::kConnectAttrs);

  size_t num_params = selector % 9;
  std::vector<uint16_t> types;
  if (selector & 0x80) types.assign(num_params, 253);
  std::map<uint16_t, std::string> long_data;
  if (selector & 0x40) long_data[0] = "long";
  auto params = DecodeExecuteParams(body, num_params, &types, long_data);
  if (params.ok()) {
    std::string sql;
    for (size_t i = 0; i < params->size(); ++i) sql += i ? ", ?" : "?";
    (void)InterpolateParams(sql, *params);
  }
  (void)CountPlaceholders(body);
  // Statements the server answers itself, and users-file password hashes.
  (void)ClassifyLocalStatement(body);
  (void)SubstituteConnectionId(body, 0xfffffff0u | selector);
  (void)ParseNativeHash(body);
  // What a backend sends the relay.
  (void)DecodeGreeting(body);
  (void)DecodeLoginAnswer(body, (selector & 2) ? "pw" : "");
  FrameBackendAnswers(body, selector);
  return 0;
}
