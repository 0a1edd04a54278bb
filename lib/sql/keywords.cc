#include "lib/sql/keywords.h"

namespace tessera::sql {
namespace internal {
namespace {

struct KeywordInfo {
  const char* upper;
  KeywordClass cls;
};

constexpr KeywordClass R = KeywordClass::kReserved;
constexpr KeywordClass Q = KeywordClass::kQuoted;
constexpr KeywordClass N = KeywordClass::kNonReserved;

constexpr KeywordInfo kInfo[] = {{"", KeywordClass::kNone},
#define TESSERA_SQL_KW_INFO(name, cls) {#name, cls},
                                 TESSERA_SQL_KEYWORDS(TESSERA_SQL_KW_INFO)
#undef TESSERA_SQL_KW_INFO
};
static_assert(sizeof(kInfo) / sizeof(kInfo[0]) == KW_COUNT_);

constexpr KeywordTable Build() {
  KeywordTable t{};
  for (size_t k = 1; k < KW_COUNT_; ++k) {
    const char* up = kInfo[k].upper;
    size_t n = 0;
    for (; up[n] != '\0'; ++n) {
      char c = up[n];
      char low = c >= 'A' && c <= 'Z' ? static_cast<char>(c + 32) : c;
      t.lower[k][n] = low;
      uint64_t f = static_cast<unsigned char>(low) | 0x20u;
      t.folded[k][n / 8] |= f << (8 * (n % 8));
    }
    t.len[k] = static_cast<uint8_t>(n);
    t.cls[k] = kInfo[k].cls;
    uint32_t slot;
    if (n <= 8) {
      slot = KeywordSlotOfShort(t.folded[k][0]);
    } else {
      // The last 8 bytes, as Load8(s + n - 8) reads them.
      uint64_t last = 0;
      for (size_t i = 0; i < 8; ++i) {
        size_t b = n - 8 + i;
        last |= ((t.folded[k][b / 8] >> (8 * (b % 8))) & 0xFF) << (8 * i);
      }
      slot = KeywordSlotOfLong(t.folded[k][0], last, n);
    }
    while (t.slots[slot].kw != KW_NONE) slot = (slot + 1) & (kKeywordSlots - 1);
    t.slots[slot] =
        KeywordSlot{static_cast<uint16_t>(k), static_cast<uint8_t>(n)};
  }
  return t;
}

}  // namespace

constinit const KeywordTable kKeywordTable = Build();

}  // namespace internal

Keyword LookupKeyword(absl::string_view word) {
  size_t n = word.size();
  if (n == 0 || n > kMaxKeywordLength) return KW_NONE;
  // Only identifier characters fold exactly; anything else is no keyword.
  // The lookup reads 8-byte words: give it a zero-padded copy.
  char buf[kMaxKeywordLength + 16] = {};
  for (size_t i = 0; i < n; ++i) {
    unsigned char u = static_cast<unsigned char>(word[i]);
    bool ident = (u >= '0' && u <= '9') || (u >= 'a' && u <= 'z') ||
                 (u >= 'A' && u <= 'Z') || u == '_';
    if (!ident) return KW_NONE;
    buf[i] = word[i];
  }
  return internal::FindKeywordPadded(buf, n);
}

}  // namespace tessera::sql
