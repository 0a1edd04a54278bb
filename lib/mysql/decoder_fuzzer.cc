// Fuzz entry point for everything that decodes client bytes: packet framing,
// the compressed protocol, handshake and COM_CHANGE_USER payloads,
// COM_STMT_EXECUTE parameters and parameter interpolation, the classifier
// of statements the server answers itself (KILL, SHOW PROCESSLIST,
// CONNECTION_ID()) and users-file password hashes. Built as a
// libFuzzer target with clang (see docs/gateway.md) and driven over a
// deterministic corpus by decoder_fuzzer_test under the normal toolchain.
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
#include "lib/mysql/scramble.h"

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
  return 0;
}
