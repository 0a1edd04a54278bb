// The relay's pure parts: answer framing, backend greeting and login, USE.
#include <string>

#include "gtest/gtest.h"
#include "lib/gateway/relay_framer.h"
#include "lib/gateway/relay_login.h"
#include "lib/gateway/relay_session.h"
#include "lib/mysql/constants.h"
#include "lib/mysql/messages.h"
#include "lib/mysql/scramble.h"
#include "lib/testing/status_matchers.h"

namespace tessera::gateway {
namespace {

using Packet = RelayFramer::Packet;
using Mode = RelayFramer::Mode;

Packet Feed(RelayFramer& f, const std::string& p) {
  return f.OnPacket(absl::string_view(p).substr(0, RelayFramer::kPrefix),
                    p.size());
}

std::string Ok(uint16_t status, uint8_t header = 0, uint64_t affected = 0) {
  mysql::OkInfo ok;
  ok.status_flags = status;
  ok.affected_rows = affected;
  return mysql::EncodeOk(ok, header);
}

const std::string kColumn = std::string(
                                "\x03"
                                "def") +
                            "...";
const std::string kTextRow = std::string(
    "\x01"
    "1");

TEST(RelayFramerTest, TextResultWithEofsThenMoreResults) {
  RelayFramer f;
  f.Start(Mode::kResults, /*deprecate_eof=*/false);
  EXPECT_EQ(Feed(f, "\x02"), Packet::kColumnCount);
  EXPECT_EQ(Feed(f, kColumn), Packet::kDefinition);
  EXPECT_EQ(Feed(f, kColumn), Packet::kDefinition);
  EXPECT_EQ(Feed(f, mysql::EncodeEof(0, 2)), Packet::kEof);
  EXPECT_EQ(Feed(f, kTextRow), Packet::kRow);
  EXPECT_EQ(Feed(f, kTextRow), Packet::kRow);
  EXPECT_FALSE(f.done());
  EXPECT_EQ(Feed(f, mysql::EncodeEof(0, 2 | 8)), Packet::kEof);
  EXPECT_FALSE(f.done());  // more results
  EXPECT_EQ(Feed(f, Ok(2, 0, 3)), Packet::kOk);
  EXPECT_TRUE(f.done());
  EXPECT_EQ(f.rows(), 2u);
  EXPECT_EQ(f.affected_rows(), 3u);
  EXPECT_EQ(f.status_flags(), 2);
}

TEST(RelayFramerTest, DeprecateEofAndRowsStartingWithFe) {
  RelayFramer f;
  f.Start(Mode::kResults, /*deprecate_eof=*/true);
  EXPECT_EQ(Feed(f, "\x01"), Packet::kColumnCount);
  EXPECT_EQ(Feed(f, kColumn), Packet::kDefinition);
  EXPECT_EQ(Feed(f, kTextRow), Packet::kRow);
  // A row whose value is 16 MiB or longer starts with 0xFE too.
  EXPECT_EQ(f.OnPacket("\xFE\x01\x02", mysql::kMaxPacketChunk), Packet::kRow);
  EXPECT_EQ(Feed(f, Ok(2 | 1, 0xFE)), Packet::kEof);
  EXPECT_TRUE(f.done());
  EXPECT_EQ(f.status_flags(), 3);
  EXPECT_EQ(f.rows(), 2u);
}

TEST(RelayFramerTest, ErrorsLocalInfileAndSingles) {
  RelayFramer f;
  f.Start(Mode::kResults, true);
  EXPECT_EQ(Feed(f, mysql::EncodeErr(1146, "42S02", "no table")), Packet::kErr);
  EXPECT_TRUE(f.done());
  EXPECT_EQ(f.error_code(), 1146);
  f.Start(Mode::kResults, true);
  EXPECT_EQ(Feed(f,
                 "\xFB"
                 "file.csv"),
            Packet::kLocalInfile);
  EXPECT_FALSE(f.done());
  EXPECT_EQ(Feed(f, Ok(2, 0, 5)), Packet::kOk);
  EXPECT_TRUE(f.done());
  // An error in the middle of rows ends the answer.
  f.Start(Mode::kResults, true);
  Feed(f, "\x01");
  Feed(f, kColumn);
  EXPECT_EQ(Feed(f, kTextRow), Packet::kRow);
  EXPECT_EQ(Feed(f, mysql::EncodeErr(1317, "70100", "killed")), Packet::kErr);
  EXPECT_TRUE(f.done());
  f.Start(Mode::kSingle, true);
  EXPECT_EQ(Feed(f, mysql::EncodeEof(0, 2)), Packet::kEof);
  EXPECT_TRUE(f.done());
}

TEST(RelayFramerTest, PrepareWithAndWithoutEofs) {
  for (bool deprecate : {false, true}) {
    RelayFramer f;
    f.Start(Mode::kPrepare, deprecate);
    // id 7, 2 columns, 1 parameter.
    std::string ok("\x00\x07\x00\x00\x00\x02\x00\x01\x00\x00\x00\x00", 12);
    EXPECT_EQ(Feed(f, ok), Packet::kPrepareOk);
    EXPECT_EQ(f.statement_id(), 7u);
    EXPECT_EQ(Feed(f, kColumn), Packet::kDefinition);  // the parameter
    if (!deprecate) {
      EXPECT_EQ(Feed(f, mysql::EncodeEof(0, 2)), Packet::kEof);
    }
    EXPECT_EQ(Feed(f, kColumn), Packet::kDefinition);
    EXPECT_FALSE(f.done());
    EXPECT_EQ(Feed(f, kColumn), Packet::kDefinition);
    if (!deprecate) {
      EXPECT_FALSE(f.done());
      EXPECT_EQ(Feed(f, mysql::EncodeEof(0, 2)), Packet::kEof);
    }
    EXPECT_TRUE(f.done()) << deprecate;
  }
  RelayFramer f;
  f.Start(Mode::kPrepare, true);
  EXPECT_EQ(Feed(f, std::string("\x00\x01\x00\x00\x00\x00\x00\x00\x00\x00"
                                "\x00\x00",
                                12)),
            Packet::kPrepareOk);
  EXPECT_TRUE(f.done());  // DO 1: no parameters, no columns
}

TEST(RelayFramerTest, BinaryCursorAndFetch) {
  RelayFramer f;
  f.Start(Mode::kBinaryResults, /*deprecate_eof=*/false);
  Feed(f, "\x01");
  Feed(f, kColumn);
  EXPECT_EQ(Feed(f, mysql::EncodeEof(0, 2 | 64)), Packet::kEof);
  EXPECT_TRUE(f.done());  // cursor opened: no rows now
  f.Start(Mode::kBinaryResults, /*deprecate_eof=*/true);
  Feed(f, "\x01");
  Feed(f, kColumn);
  EXPECT_EQ(Feed(f, Ok(2 | 64, 0xFE)), Packet::kEof);
  EXPECT_TRUE(f.done());
  f.Start(Mode::kFetch, true);
  EXPECT_EQ(Feed(f, std::string("\x00\x00\x01", 3)), Packet::kRow);
  EXPECT_EQ(Feed(f, std::string("\x00\x00\x02", 3)), Packet::kRow);
  EXPECT_EQ(Feed(f, Ok(2 | 64 | 128, 0xFE)), Packet::kEof);
  EXPECT_TRUE(f.done());
  EXPECT_EQ(f.rows(), 2u);
}

TEST(RelayFramerTest, FieldList) {
  RelayFramer f;
  f.Start(Mode::kFieldList, false);
  EXPECT_EQ(Feed(f, kColumn), Packet::kDefinition);
  EXPECT_EQ(Feed(f, mysql::EncodeEof(0, 2)), Packet::kEof);
  EXPECT_TRUE(f.done());
  f.Start(Mode::kFieldList, true);
  EXPECT_EQ(Feed(f, mysql::EncodeErr(1146, "42S02", "x")), Packet::kErr);
  EXPECT_TRUE(f.done());
}

TEST(RelayLoginTest, GreetingRoundTripAndLogin) {
  mysql::Handshake h;
  h.server_version = "5.5.5-10.11.6-MariaDB";
  h.connection_id = 42;
  h.nonce = "abcdefghij0123456789";
  h.capabilities = mysql::cap::kProtocol41 | mysql::cap::kSecureConnection |
                   mysql::cap::kPluginAuth | mysql::cap::kDeprecateEof;
  h.auth_plugin = mysql::kNativePassword;
  TESSERA_ASSERT_OK_AND_ASSIGN(ServerGreeting g,
                               DecodeGreeting(mysql::EncodeHandshake(h)));
  EXPECT_EQ(g.connection_id, 42u);
  EXPECT_EQ(g.nonce, h.nonce);
  EXPECT_EQ(g.capabilities, h.capabilities);
  EXPECT_EQ(g.auth_plugin, "mysql_native_password");
  LoginRequest req;
  req.capabilities = h.capabilities | mysql::cap::kConnectWithDb;
  req.user = "root";
  req.password = "pw";
  req.database = "db1";
  TESSERA_ASSERT_OK_AND_ASSIGN(std::string login, EncodeLogin(g, req));
  TESSERA_ASSERT_OK_AND_ASSIGN(mysql::HandshakeResponse r,
                               mysql::DecodeHandshakeResponse(login));
  EXPECT_EQ(r.user, "root");
  EXPECT_EQ(r.database, "db1");
  EXPECT_TRUE(mysql::VerifyNativeScramble(h.nonce, r.auth_response,
                                          mysql::NativeStage2("pw")));
  EXPECT_FALSE(DecodeGreeting("\x09garbage").ok());
  EXPECT_FALSE(AuthAnswer("dialog", h.nonce, "pw").ok());
  TESSERA_ASSERT_OK_AND_ASSIGN(
      std::string sha, AuthAnswer(mysql::kCachingSha2Password, h.nonce, "pw"));
  EXPECT_TRUE(mysql::VerifySha2Scramble(h.nonce, sha, mysql::Sha2Stage2("pw")));
}

}  // namespace
}  // namespace tessera::gateway
