// The packet relay's decoders of what a backend sends: answer framing,
// the greeting and the login answers.
#include <string>

#include "absl/strings/str_cat.h"
#include "gtest/gtest.h"
#include "lib/mysql/constants.h"
#include "lib/mysql/messages.h"
#include "lib/mysql/relay_framer.h"
#include "lib/mysql/relay_login.h"
#include "lib/mysql/scramble.h"
#include "lib/testing/status_matchers.h"

namespace tessera::mysql {
namespace {

using Packet = RelayFramer::Packet;
using Mode = RelayFramer::Mode;

Packet Feed(RelayFramer& f, const std::string& p) {
  return f.OnPacket(absl::string_view(p).substr(0, RelayFramer::kPrefix),
                    p.size());
}

std::string Ok(uint16_t status, uint8_t header = 0, uint64_t affected = 0) {
  OkInfo ok;
  ok.status_flags = status;
  ok.affected_rows = affected;
  return EncodeOk(ok, header);
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
  EXPECT_EQ(Feed(f, EncodeEof(0, 2)), Packet::kEof);
  EXPECT_EQ(Feed(f, kTextRow), Packet::kRow);
  EXPECT_EQ(Feed(f, kTextRow), Packet::kRow);
  EXPECT_FALSE(f.done());
  EXPECT_EQ(Feed(f, EncodeEof(0, 2 | 8)), Packet::kEof);
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
  EXPECT_EQ(f.OnPacket("\xFE\x01\x02", kMaxPacketChunk), Packet::kRow);
  EXPECT_EQ(Feed(f, Ok(2 | 1, 0xFE)), Packet::kEof);
  EXPECT_TRUE(f.done());
  EXPECT_EQ(f.status_flags(), 3);
  EXPECT_EQ(f.rows(), 2u);
}

TEST(RelayFramerTest, ErrorsLocalInfileAndSingles) {
  RelayFramer f;
  f.Start(Mode::kResults, true);
  EXPECT_EQ(Feed(f, EncodeErr(1146, "42S02", "no table")), Packet::kErr);
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
  EXPECT_EQ(Feed(f, EncodeErr(1317, "70100", "killed")), Packet::kErr);
  EXPECT_TRUE(f.done());
  f.Start(Mode::kSingle, true);
  EXPECT_EQ(Feed(f, EncodeEof(0, 2)), Packet::kEof);
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
      EXPECT_EQ(Feed(f, EncodeEof(0, 2)), Packet::kEof);
    }
    EXPECT_EQ(Feed(f, kColumn), Packet::kDefinition);
    EXPECT_FALSE(f.done());
    EXPECT_EQ(Feed(f, kColumn), Packet::kDefinition);
    if (!deprecate) {
      EXPECT_FALSE(f.done());
      EXPECT_EQ(Feed(f, EncodeEof(0, 2)), Packet::kEof);
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
  EXPECT_EQ(Feed(f, EncodeEof(0, 2 | 64)), Packet::kEof);
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
  EXPECT_EQ(Feed(f, EncodeEof(0, 2)), Packet::kEof);
  EXPECT_TRUE(f.done());
  f.Start(Mode::kFieldList, true);
  EXPECT_EQ(Feed(f, EncodeErr(1146, "42S02", "x")), Packet::kErr);
  EXPECT_TRUE(f.done());
}

TEST(RelayLoginTest, GreetingRoundTripAndLogin) {
  Handshake h;
  h.server_version = "5.5.5-10.11.6-MariaDB";
  h.connection_id = 42;
  h.nonce = "abcdefghij0123456789";
  h.capabilities = cap::kProtocol41 | cap::kSecureConnection |
                   cap::kPluginAuth | cap::kDeprecateEof;
  h.auth_plugin = kNativePassword;
  TESSERA_ASSERT_OK_AND_ASSIGN(ServerGreeting g,
                               DecodeGreeting(EncodeHandshake(h)));
  EXPECT_EQ(g.connection_id, 42u);
  EXPECT_EQ(g.nonce, h.nonce);
  EXPECT_EQ(g.capabilities, h.capabilities);
  EXPECT_EQ(g.auth_plugin, "mysql_native_password");
  LoginRequest req;
  req.capabilities = h.capabilities | cap::kConnectWithDb;
  req.user = "root";
  req.password = "pw";
  req.database = "db1";
  TESSERA_ASSERT_OK_AND_ASSIGN(std::string login, EncodeLogin(g, req));
  TESSERA_ASSERT_OK_AND_ASSIGN(HandshakeResponse r,
                               DecodeHandshakeResponse(login));
  EXPECT_EQ(r.user, "root");
  EXPECT_EQ(r.database, "db1");
  EXPECT_TRUE(
      VerifyNativeScramble(h.nonce, r.auth_response, NativeStage2("pw")));
  EXPECT_FALSE(DecodeGreeting("\x09garbage").ok());
  EXPECT_FALSE(AuthAnswer("dialog", h.nonce, "pw").ok());
  TESSERA_ASSERT_OK_AND_ASSIGN(std::string sha,
                               AuthAnswer(kCachingSha2Password, h.nonce, "pw"));
  EXPECT_TRUE(VerifySha2Scramble(h.nonce, sha, Sha2Stage2("pw")));
}

// A backend may send an empty packet anywhere: it ends the answer as
// malformed or is taken as it comes, never read past.
TEST(RelayFramerTest, EmptyPacketsInEveryState) {
  for (Mode mode : {Mode::kResults, Mode::kBinaryResults, Mode::kFetch,
                    Mode::kPrepare, Mode::kFieldList, Mode::kSingle}) {
    for (int skip = 0; skip < 4; ++skip) {
      RelayFramer f;
      f.Start(mode, /*deprecate_eof=*/false);
      // Reach a later state first: a column count, a definition, an EOF.
      const std::string lead[] = {"\x01", kColumn, EncodeEof(0, 2)};
      for (int i = 0; i < skip && i < 3 && !f.done(); ++i) Feed(f, lead[i]);
      if (!f.done()) Feed(f, "");
    }
  }
  RelayFramer f;
  f.Start(Mode::kSingle, false);
  EXPECT_EQ(Feed(f, ""), Packet::kErr);
  EXPECT_TRUE(f.done());
  f.Start(Mode::kPrepare, false);
  EXPECT_EQ(Feed(f, ""), Packet::kErr);
  EXPECT_TRUE(f.done());
}

TEST(RelayLoginTest, LoginAnswers) {
  using Kind = LoginStep::Kind;
  TESSERA_ASSERT_OK_AND_ASSIGN(LoginStep ok, DecodeLoginAnswer(Ok(2), "pw"));
  EXPECT_EQ(ok.kind, Kind::kDone);
  TESSERA_ASSERT_OK_AND_ASSIGN(LoginStep wait,
                               DecodeLoginAnswer("\x01\x03", "pw"));
  EXPECT_EQ(wait.kind, Kind::kWait);
  const std::string nonce = "abcdefghij0123456789";
  TESSERA_ASSERT_OK_AND_ASSIGN(
      LoginStep sw, DecodeLoginAnswer(absl::StrCat("\xFE", kNativePassword,
                                                   std::string(1, '\0'), nonce),
                                      "pw"));
  EXPECT_EQ(sw.kind, Kind::kReply);
  EXPECT_TRUE(VerifyNativeScramble(nonce, sw.reply, NativeStage2("pw")));
  EXPECT_THAT(DecodeLoginAnswer(EncodeErr(1045, "28000", "denied"), "pw"),
              testing::MysqlErrorIs(1045, "HY000"));
  EXPECT_THAT(DecodeLoginAnswer("\x01\x04", "pw"),
              testing::MysqlErrorIs(1251, "08004"));
  EXPECT_THAT(DecodeLoginAnswer("\xFE"
                                "dialog",
                                "pw"),
              testing::MysqlErrorIs(2013, "HY000"));
  EXPECT_THAT(DecodeLoginAnswer(std::string("\xFE"
                                            "dialog\0x",
                                            9),
                                "pw"),
              testing::MysqlErrorIs(1251, "08004"));
  // Malformed: empty, a truncated ERR.
  EXPECT_THAT(DecodeLoginAnswer("", "pw"),
              testing::MysqlErrorIs(2027, "HY000"));
  EXPECT_THAT(DecodeLoginAnswer("\xFF", "pw"),
              testing::MysqlErrorIs(2027, "HY000"));
}

}  // namespace
}  // namespace tessera::mysql
