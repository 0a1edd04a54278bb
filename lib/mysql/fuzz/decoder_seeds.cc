#include "lib/mysql/fuzz/decoder_seeds.h"

#include <cstdint>
#include <string>
#include <vector>

#include "absl/strings/string_view.h"
#include "lib/mysql/codec.h"
#include "lib/mysql/compression.h"
#include "lib/mysql/constants.h"
#include "lib/mysql/wire.h"

namespace tessera::mysql {
namespace {

constexpr uint32_t kClientCaps = cap::kProtocol41 | cap::kSecureConnection |
                                 cap::kPluginAuth | cap::kPluginAuthLenencData |
                                 cap::kConnectWithDb | cap::kConnectAttrs;

std::string Attributes() {
  return std::string(
      "\x03"
      "key"
      "\x05"
      "value",
      10);
}

std::string HandshakeResponseSeed(absl::string_view plugin, size_t auth_len) {
  std::string hs;
  WireWriter w(&hs);
  w.Int4(kClientCaps);
  w.Int4(1 << 24);
  w.Int1(45);
  w.Zeros(23);
  w.NulString("user");
  w.LenencString(std::string(auth_len, 'x'));
  w.NulString("db");
  w.NulString(plugin);
  w.LenencString(Attributes());
  return hs;
}

std::string SslRequestSeed() {
  std::string ssl;
  WireWriter w(&ssl);
  w.Int4(kClientCaps | cap::kSsl);
  w.Int4(1 << 24);
  w.Int1(33);
  w.Zeros(23);
  return ssl;
}

std::string ChangeUserSeed() {
  std::string cu;
  WireWriter w(&cu);
  w.NulString("other");
  w.Int1(20);
  w.Zeros(20);
  w.NulString("db2");
  w.Int2(45);
  w.NulString(kNativePassword);
  w.LenencString(Attributes());
  return cu;
}

// COM_STMT_EXECUTE body (after the command byte) binding one value of each
// common type.
std::string ExecuteSeed() {
  std::string exec;
  WireWriter e(&exec);
  e.Int4(1);
  e.Int1(0);
  e.Int4(1);
  e.Int1(0x02);
  e.Int1(1);
  for (uint16_t t : {8, 253, 12, 11, 246, 4, 1, 0x8002}) e.Int2(t);
  e.Int8(42);
  e.Int1(7);
  e.Int2(2024);
  e.Int1(1);
  e.Int1(2);
  e.Int1(3);
  e.Int1(4);
  e.Int1(5);
  e.Int1(8);
  e.Zeros(8);
  e.LenencString("1.5");
  e.Int4(0x3f800000);
  e.Int1(9);
  e.Int2(7);
  return exec;
}

// Two parameters, no new types bound (types from the previous execution).
std::string ExecuteReuseTypesSeed() {
  std::string exec;
  WireWriter e(&exec);
  e.Int4(7);
  e.Int1(0);
  e.Int4(1);
  e.Int1(0x00);
  e.Int1(0);
  e.LenencString("it's");
  e.LenencString("x");
  return exec;
}

}  // namespace

std::vector<std::string> DecoderFuzzSeeds() {
  std::vector<std::string> seeds;
  seeds.push_back(HandshakeResponseSeed(kNativePassword, 20));
  seeds.push_back(HandshakeResponseSeed(kCachingSha2Password, 32));
  seeds.push_back(SslRequestSeed());
  seeds.push_back(ChangeUserSeed());
  seeds.push_back(ExecuteSeed());
  seeds.push_back(ExecuteReuseTypesSeed());
  std::string framed;
  uint8_t seq = 0;
  AppendPacket("\x03select 1", &seq, &framed);
  AppendPacket(std::string(300, 'p'), &seq, &framed);
  seeds.push_back(framed);
  std::string comp;
  uint8_t cseq = 0;
  AppendCompressed(framed + std::string(100, 'c'), &cseq, &comp);
  seeds.push_back(comp);
  seeds.push_back(
      "select ?, '?', \"?\", `?` /* ? */ from t where a = ? -- ?\n and b=?");
  for (const char* sql :
       {"KILL QUERY 12", "kill connection 7", "SHOW FULL PROCESSLIST",
        "select connection_id(), 'connection_id()' /* connection_id() */",
        "LOAD DATA LOCAL INFILE 'f' INTO TABLE t",
        "*2470C0C06DEE42FD1618BB99005ADCA2EC9D1E19"}) {
    seeds.push_back(sql);
  }
  return seeds;
}

}  // namespace tessera::mysql
