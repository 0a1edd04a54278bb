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
    uint32_t h = 0;
    for (; up[n] != '\0'; ++n) {
      char c = up[n];
      char low = c >= 'A' && c <= 'Z' ? static_cast<char>(c + 32) : c;
      t.lower[k][n] = low;
      uint64_t f = static_cast<unsigned char>(low) | 0x20u;
      t.folded[k][n / 8] |= f << (8 * (n % 8));
      h = KeywordHashStep(h, static_cast<unsigned char>(low));
    }
    t.len[k] = static_cast<uint8_t>(n);
    t.cls[k] = kInfo[k].cls;
    uint32_t slot = KeywordSlotOf(h);
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
  uint32_t h = 0;
  for (char c : word) {
    unsigned char u = static_cast<unsigned char>(c);
    bool ident = (u >= '0' && u <= '9') || (u >= 'a' && u <= 'z') ||
                 (u >= 'A' && u <= 'Z') || u == '_';
    if (!ident) return KW_NONE;
    h = KeywordHashStep(h, u);
  }
  return LookupKeywordHashed(word.data(), n, h);
}

Keyword LookupKeywordHashed(const char* s, size_t n, uint32_t hash) {
  // No bytes past `s + n` are known to be readable.
  return internal::FindKeyword(s, n, hash, s + n);
}

}  // namespace tessera::sql
