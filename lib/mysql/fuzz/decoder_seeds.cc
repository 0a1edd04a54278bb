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

// What a backend sends the relay: a greeting, login answers, and answers
// of each shape RelayFramer frames (several packets with their headers).
std::string Framed(const std::vector<std::string>& packets) {
  std::string out;
  uint8_t seq = 1;
  for (const std::string& p : packets) AppendPacket(p, &seq, &out);
  return out;
}

std::string ColumnDef(absl::string_view name) {
  std::string def;
  WireWriter w(&def);
  for (absl::string_view part :
       {absl::string_view("def"), absl::string_view(""), absl::string_view("t"),
        absl::string_view("t"), name, name}) {
    w.LenencString(part);
  }
  w.Int1(0x0c);
  w.Int2(33);
  w.Int4(80);
  w.Int1(253);
  w.Int2(0);
  w.Int1(0);
  w.Zeros(2);
  return def;
}

std::string Ok(uint16_t status, uint8_t header = 0) {
  std::string ok;
  WireWriter w(&ok);
  w.Int1(header);
  w.Int1(1);  // affected rows
  w.Int1(0);  // last insert id
  w.Int2(status);
  w.Int2(0);
  return ok;
}

std::string Eof(uint16_t status) {
  std::string eof;
  WireWriter w(&eof);
  w.Int1(0xFE);
  w.Int2(0);
  w.Int2(status);
  return eof;
}

void AddBackendSeeds(std::vector<std::string>* seeds) {
  std::string greeting;
  WireWriter g(&greeting);
  g.Int1(10);
  g.NulString("5.5.5-10.11.6-MariaDB");
  g.Int4(42);
  g.Bytes("abcdefgh");
  g.Int1(0);
  g.Int2(0xF7FF);
  g.Int1(45);
  g.Int2(2);
  g.Int2(0x81BF);
  g.Int1(21);
  g.Zeros(10);
  g.Bytes("ijklmnopqrst");
  g.Int1(0);
  g.NulString(kNativePassword);
  seeds->push_back(greeting);
  seeds->push_back(std::string("\xFE") + kCachingSha2Password +
                   std::string(1, '\0') + "abcdefghijklmnopqrst");
  seeds->push_back("\x01\x03");
  seeds->push_back("\x01\x04");
  seeds->push_back("\xFF\x15\x04#28000Access denied");
  const std::string a = ColumnDef("a"), b = ColumnDef("b");
  const std::string row = "\x01x\xFB";
  // Text result with EOFs and more results, then an OK; the same without
  // EOFs; a cursor's metadata; a fetch; LOCAL INFILE; a prepare.
  seeds->push_back(Framed({"\x02", a, b, Eof(2), row, row,
                           Eof(2 | status::kMoreResultsExist), Ok(2)}));
  seeds->push_back(Framed({"\x02", a, b, row, Ok(2, 0xFE)}));
  seeds->push_back(Framed({"\x01", a, Eof(2 | status::kCursorExists)}));
  seeds->push_back(Framed({std::string("\x00\x00\x01x", 4), Eof(2)}));
  seeds->push_back(
      Framed({"\xFB"
              "data.csv",
              Ok(2)}));
  std::string prepare;
  WireWriter p(&prepare);
  p.Int1(0);
  p.Int4(7);
  p.Int2(1);  // columns
  p.Int2(2);  // parameters
  p.Int1(0);
  p.Int2(0);
  seeds->push_back(Framed({prepare, a, b, Eof(2), a, Eof(2)}));
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
  AddBackendSeeds(&seeds);
  return seeds;
}

}  // namespace tessera::mysql
