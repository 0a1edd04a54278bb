#include "lib/mysql/compression.h"

#include <string>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "lib/mysql/codec.h"
#include "lib/testing/status_matchers.h"

namespace tessera::mysql {
namespace {

using ::tessera::testing::IsOk;
using ::tessera::testing::MysqlErrorIs;

std::string DecodeAll(const std::string& wire, uint8_t* seq) {
  CompressedDecoder d;
  d.Feed(wire);
  std::string out;
  while (true) {
    auto frame = d.Next(seq);
    EXPECT_THAT(frame, IsOk());
    if (!frame.ok() || !frame->has_value()) break;
    out += **frame;
  }
  return out;
}

TEST(CompressionTest, RoundTripSmallAndLarge) {
  for (size_t size : {size_t{0}, size_t{10}, size_t{49}, size_t{50},
                      size_t{100000}, size_t{(1 << 24) + 100}}) {
    std::string data(size, 'a');
    for (size_t i = 0; i < size; i += 7) data[i] = static_cast<char>(i);
    std::string wire;
    uint8_t seq = 3;
    AppendCompressed(data, &seq, &wire);
    EXPECT_GE(seq, 4);
    if (size >= 100000) {
      EXPECT_LT(wire.size(), size);  // it compressed
    }
    uint8_t rseq = 3;
    EXPECT_EQ(DecodeAll(wire, &rseq), data) << size;
    EXPECT_EQ(rseq, seq);
  }
}

TEST(CompressionTest, SmallPayloadsAreSentAsIs) {
  std::string wire;
  uint8_t seq = 0;
  AppendCompressed("hello", &seq, &wire);
  EXPECT_EQ(wire, std::string("\x05\x00\x00\x00\x00\x00\x00hello", 12));
}

TEST(CompressionTest, BadSequenceAndCorruptDataAreErrors) {
  std::string wire;
  uint8_t seq = 1;
  AppendCompressed(std::string(1000, 'x'), &seq, &wire);
  CompressedDecoder d;
  d.Feed(wire);
  uint8_t wrong = 0;
  EXPECT_THAT(d.Next(&wrong), MysqlErrorIs(1156, "08S01"));
  std::string corrupt = wire;
  corrupt[10] ^= 0x55;
  corrupt[11] ^= 0x55;
  CompressedDecoder d2;
  d2.Feed(corrupt);
  uint8_t rseq = 1;
  EXPECT_THAT(d2.Next(&rseq), MysqlErrorIs(1157, "08S01"));
  // A header claiming a huge uncompressed size is refused up front.
  CompressedDecoder d3(1 << 20);
  d3.Feed(std::string("\x10\x00\x00\x00\xff\xff\xff", 7));
  uint8_t zero = 0;
  EXPECT_THAT(d3.Next(&zero), MysqlErrorIs(1157, "08S01"));
}

}  // namespace
}  // namespace tessera::mysql
