#include "lib/mysql/codec.h"

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

TEST(WireTest, LenencRoundTrip) {
  const uint64_t values[] = {0,     1,        250,      251,        65535,
                             65536, 16777215, 16777216, 1ull << 40, ~0ull};
  for (uint64_t v : values) {
    std::string buf;
    WireWriter(&buf).LenencInt(v);
    EXPECT_EQ(buf.size(), LenencIntSize(v)) << v;
    WireReader r(buf);
    EXPECT_EQ(r.LenencInt(), v);
    EXPECT_TRUE(r.ok());
    EXPECT_TRUE(r.empty());
  }
}

TEST(WireTest, ReadsPastEndFail) {
  WireReader r(
      absl::string_view("\x05"
                        "ab",
                        3));
  EXPECT_TRUE(r.LenencString().empty());
  EXPECT_FALSE(r.ok());
  WireReader nul("abc");
  nul.NulString();
  EXPECT_FALSE(nul.ok());
  WireReader bad("\xFF");
  bad.LenencInt();
  EXPECT_FALSE(bad.ok());
}

TEST(CodecTest, SmallPacketRoundTrip) {
  std::string wire;
  uint8_t seq = 3;
  AppendPacket("hello", &seq, &wire);
  EXPECT_EQ(seq, 4);
  EXPECT_EQ(wire, std::string("\x05\x00\x00\x03hello", 9));
  PacketDecoder d(1 << 20);
  uint8_t rseq = 3;
  // Byte by byte: incomplete until the last byte.
  for (size_t i = 0; i + 1 < wire.size(); ++i) {
    d.Feed(wire.substr(i, 1));
    auto p = d.Next(&rseq);
    ASSERT_THAT(p, IsOk());
    EXPECT_FALSE(p->has_value());
  }
  d.Feed(wire.substr(wire.size() - 1));
  auto p = d.Next(&rseq);
  ASSERT_THAT(p, IsOk());
  ASSERT_TRUE(p->has_value());
  EXPECT_EQ(**p, "hello");
  EXPECT_EQ(rseq, 4);
}

TEST(CodecTest, SplitsAndJoinsLargePayloads) {
  const size_t sizes[] = {kMaxPacketChunk - 1, kMaxPacketChunk,
                          kMaxPacketChunk + 1, 2 * kMaxPacketChunk + 7};
  for (size_t size : sizes) {
    std::string payload(size, 'x');
    payload[0] = 'a';
    payload[size - 1] = 'z';
    std::string wire;
    uint8_t seq = 0;
    AppendPacket(payload, &seq, &wire);
    size_t chunks = size / kMaxPacketChunk + 1;
    EXPECT_EQ(seq, chunks) << size;
    EXPECT_EQ(wire.size(), size + 4 * chunks);
    PacketDecoder d(64 << 20);
    d.Feed(wire);
    uint8_t rseq = 0;
    auto p = d.Next(&rseq);
    ASSERT_THAT(p, IsOk());
    ASSERT_TRUE(p->has_value());
    EXPECT_EQ(**p, payload);
    EXPECT_EQ(rseq, chunks);
    EXPECT_EQ(d.buffered(), 0u);
  }
}

TEST(CodecTest, SequenceMismatchIsAnError) {
  std::string wire;
  uint8_t seq = 5;
  AppendPacket("x", &seq, &wire);
  PacketDecoder d(1024);
  d.Feed(wire);
  uint8_t rseq = 0;
  EXPECT_THAT(d.Next(&rseq), MysqlErrorIs(1156, "08S01"));
}

TEST(CodecTest, TooLargeIsRefusedFromTheHeader) {
  PacketDecoder d(100);
  d.Feed(std::string("\x00\x10\x00\x00", 4));  // 4096-byte payload announced
  uint8_t rseq = 0;
  EXPECT_THAT(d.Next(&rseq), MysqlErrorIs(1153, "08S01"));
}

TEST(CodecTest, SeveralPacketsInOneRead) {
  std::string wire;
  uint8_t seq = 0;
  AppendPacket("one", &seq, &wire);
  AppendPacket("", &seq, &wire);
  AppendPacket("three", &seq, &wire);
  PacketDecoder d(1024);
  d.Feed(wire);
  uint8_t rseq = 0;
  for (const char* want : {"one", "", "three"}) {
    auto p = d.Next(&rseq);
    ASSERT_THAT(p, IsOk());
    ASSERT_TRUE(p->has_value());
    EXPECT_EQ(**p, want);
  }
  auto p = d.Next(&rseq);
  ASSERT_THAT(p, IsOk());
  EXPECT_FALSE(p->has_value());
}

}  // namespace
}  // namespace tessera::mysql
