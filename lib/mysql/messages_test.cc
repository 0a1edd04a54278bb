#include "lib/mysql/messages.h"

#include <string>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "lib/mysql/constants.h"
#include "lib/mysql/wire.h"
#include "lib/testing/status_matchers.h"

namespace tessera::mysql {
namespace {

using ::tessera::testing::IsOk;
using ::tessera::testing::MysqlErrorIs;
using ::testing::ElementsAre;
using ::testing::Pair;

TEST(MessagesTest, HandshakeLayout) {
  Handshake h;
  h.server_version = "5.5.5-10.11.0-MariaDB-tessera";
  h.connection_id = 0x01020304;
  h.nonce = "abcdefghijklmnopqrst";
  h.capabilities = cap::kProtocol41 | cap::kPluginAuth | cap::kDeprecateEof;
  h.status_flags = status::kAutocommit;
  h.auth_plugin = kNativePassword;
  std::string p = EncodeHandshake(h);
  WireReader r(p);
  EXPECT_EQ(r.Int1(), 10);
  EXPECT_EQ(r.NulString(), h.server_version);
  EXPECT_EQ(r.Int4(), 0x01020304u);
  EXPECT_EQ(r.Bytes(8), "abcdefgh");
  EXPECT_EQ(r.Int1(), 0);
  uint32_t caps = r.Int2();
  EXPECT_EQ(r.Int1(), 45);
  EXPECT_EQ(r.Int2(), status::kAutocommit);
  caps |= static_cast<uint32_t>(r.Int2()) << 16;
  EXPECT_EQ(caps, h.capabilities);
  EXPECT_EQ(r.Int1(), 21);
  r.Skip(10);
  EXPECT_EQ(r.NulString(), "ijklmnopqrst");
  EXPECT_EQ(r.NulString(), kNativePassword);
  EXPECT_TRUE(r.ok());
  EXPECT_TRUE(r.empty());
}

std::string ResponsePayload(uint32_t caps, bool with_attrs) {
  std::string p;
  WireWriter w(&p);
  w.Int4(caps);
  w.Int4(1 << 24);
  w.Int1(45);
  w.Zeros(23);
  w.NulString("app");
  w.LenencString(std::string(20, '\x11'));
  w.NulString("commerce");
  w.NulString(kCachingSha2Password);
  if (with_attrs) {
    std::string attrs;
    WireWriter a(&attrs);
    a.LenencString("_client_name");
    a.LenencString("libmariadb");
    a.LenencString("program_name");
    a.LenencString("test");
    w.LenencString(attrs);
  }
  return p;
}

TEST(MessagesTest, DecodesHandshakeResponseWithAttributes) {
  uint32_t caps = cap::kProtocol41 | cap::kSecureConnection | cap::kPluginAuth |
                  cap::kPluginAuthLenencData | cap::kConnectWithDb |
                  cap::kConnectAttrs;
  auto r = DecodeHandshakeResponse(ResponsePayload(caps, true));
  ASSERT_THAT(r, IsOk());
  EXPECT_EQ(r->user, "app");
  EXPECT_EQ(r->auth_response, std::string(20, '\x11'));
  EXPECT_EQ(r->database, "commerce");
  EXPECT_EQ(r->auth_plugin, kCachingSha2Password);
  EXPECT_THAT(r->attributes, ElementsAre(Pair("_client_name", "libmariadb"),
                                         Pair("program_name", "test")));
}

TEST(MessagesTest, TruncatedResponsesAreErrorsAtEveryLength) {
  uint32_t caps = cap::kProtocol41 | cap::kSecureConnection | cap::kPluginAuth |
                  cap::kPluginAuthLenencData | cap::kConnectWithDb |
                  cap::kConnectAttrs;
  std::string full = ResponsePayload(caps, true);
  for (size_t n = 0; n < 40; ++n) {
    EXPECT_THAT(DecodeHandshakeResponse(full.substr(0, n)),
                MysqlErrorIs(1043, "08S01"))
        << n;
  }
  // Truncations inside the attributes are caught too.
  EXPECT_FALSE(DecodeHandshakeResponse(full.substr(0, full.size() - 3)).ok());
}

TEST(MessagesTest, OldProtocolRefused) {
  std::string p = ResponsePayload(cap::kSecureConnection, false);
  EXPECT_THAT(DecodeHandshakeResponse(p), MysqlErrorIs(1043, "08S01"));
}

TEST(MessagesTest, SslRequest) {
  std::string p;
  WireWriter w(&p);
  w.Int4(cap::kProtocol41 | cap::kSsl);
  w.Int4(0);
  w.Int1(45);
  w.Zeros(23);
  EXPECT_TRUE(IsSslRequest(p));
  p[1] = 0;  // clear CLIENT_SSL (bit 11)
  EXPECT_FALSE(IsSslRequest(p));
}

TEST(MessagesTest, OkEofErr) {
  OkInfo ok;
  ok.affected_rows = 300;
  ok.last_insert_id = 7;
  ok.status_flags = status::kAutocommit;
  ok.warnings = 2;
  EXPECT_EQ(EncodeOk(ok),
            std::string("\x00\xFC\x2C\x01\x07\x02\x00\x02\x00", 9));
  EXPECT_EQ(EncodeOk({}, 0xFE)[0], '\xFE');
  ok.info = "Rows matched: 1";
  EXPECT_EQ(EncodeOk(ok).substr(9), std::string("\x0fRows matched: 1"));
  EXPECT_EQ(EncodeEof(1, 2), std::string("\xFE\x01\x00\x02\x00", 5));
  EXPECT_EQ(EncodeErr(1045, "28000", "Access denied"),
            std::string("\xFF\x15\x04#28000Access denied", 22));
}

TEST(MessagesTest, ColumnDefinitionAndTextRow) {
  Field f;
  f.name = "id";
  f.org_name = "id";
  f.table = "t";
  f.org_table = "t";
  f.database = "db";
  f.type = FieldType::kLongLong;
  f.flags = field_flag::kNotNull | field_flag::kUnsigned;
  f.charset = 63;
  f.column_length = 20;
  std::string p = EncodeColumnDefinition(f);
  WireReader r(p);
  EXPECT_EQ(r.LenencString(), "def");
  EXPECT_EQ(r.LenencString(), "db");
  EXPECT_EQ(r.LenencString(), "t");
  EXPECT_EQ(r.LenencString(), "t");
  EXPECT_EQ(r.LenencString(), "id");
  EXPECT_EQ(r.LenencString(), "id");
  EXPECT_EQ(r.LenencInt(), 0x0cu);
  EXPECT_EQ(r.Int2(), 63);
  EXPECT_EQ(r.Int4(), 20u);
  EXPECT_EQ(r.Int1(), 8);
  EXPECT_EQ(r.Int2(), 33);
  EXPECT_EQ(r.Int1(), 0);
  EXPECT_EQ(r.Int2(), 0);
  EXPECT_TRUE(r.ok() && r.empty());

  std::string row;
  AppendTextRow({Value::Text("1"), Value::Null(), Value::Text("")}, &row);
  EXPECT_EQ(row, std::string("\x01"
                             "1"
                             "\xFB\x00",
                             4));
}

TEST(MessagesTest, ChangeUser) {
  std::string p;
  WireWriter w(&p);
  w.NulString("bob");
  w.Int1(20);
  w.Bytes(std::string(20, 'x'));
  w.NulString("db2");
  w.Int2(45);
  w.NulString(kNativePassword);
  uint32_t caps = cap::kProtocol41 | cap::kSecureConnection | cap::kPluginAuth;
  auto r = DecodeChangeUser(p, caps);
  ASSERT_THAT(r, IsOk());
  EXPECT_EQ(r->user, "bob");
  EXPECT_EQ(r->auth_response.size(), 20u);
  EXPECT_EQ(r->database, "db2");
  EXPECT_EQ(r->auth_plugin, kNativePassword);
  EXPECT_FALSE(DecodeChangeUser("bob", caps).ok());
}

}  // namespace
}  // namespace tessera::mysql
