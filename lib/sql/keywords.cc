#include "lib/sql/keywords.h"

#include <array>
#include <cstring>

namespace tessera::sql {
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

constexpr size_t kMaxKeywordLen = 32;
constexpr size_t kSlots = 2048;

inline unsigned char Lower(char c) {
  unsigned char u = static_cast<unsigned char>(c);
  return (u >= 'A' && u <= 'Z') ? u | 0x20 : u;
}

// Cheap hash over the length and three characters; probing compares the
// length first, so collisions cost little.
inline uint32_t HashWord(const char* s, size_t n) {
  return n * 977u + Lower(s[0]) * 1031u + Lower(s[n - 1]) * 37u +
         Lower(s[n / 2]) * 7u + Lower(s[n / 3]) * 131u;
}

// Immutable open-addressing table built once; holds lower-case spellings.
class Table {
 public:
  Table() {
    slots_.fill(KW_NONE);
    for (uint16_t k = 1; k < KW_COUNT_; ++k) {
      const char* up = kInfo[k].upper;
      size_t n = std::strlen(up);
      char* low = lower_[k].data();
      for (size_t i = 0; i < n; ++i)
        low[i] =
            static_cast<char>(up[i] | 0x20 * (up[i] >= 'A' && up[i] <= 'Z'));
      len_[k] = static_cast<uint8_t>(n);
      uint32_t h = HashWord(low, n) & (kSlots - 1);
      while (slots_[h] != KW_NONE) h = (h + 1) & (kSlots - 1);
      slots_[h] = static_cast<Keyword>(k);
    }
  }

  Keyword Find(absl::string_view word) const {
    size_t n = word.size();
    if (n == 0 || n > kMaxKeywordLen) return KW_NONE;
    const char* w = word.data();
    uint32_t h = HashWord(w, n) & (kSlots - 1);
    while (true) {
      Keyword k = slots_[h];
      if (k == KW_NONE) return KW_NONE;
      if (len_[k] == n) {
        const char* low = lower_[k].data();
        size_t i = 0;
        while (i < n && Lower(w[i]) == static_cast<unsigned char>(low[i])) ++i;
        if (i == n) return k;
      }
      h = (h + 1) & (kSlots - 1);
    }
  }

  absl::string_view Text(Keyword k) const {
    return absl::string_view(lower_[k].data(), len_[k]);
  }

 private:
  std::array<Keyword, kSlots> slots_;
  std::array<std::array<char, kMaxKeywordLen>, KW_COUNT_> lower_{};
  std::array<uint8_t, KW_COUNT_> len_{};
};

const Table& GetTable() {
  static const Table* table = new Table();
  return *table;
}

}  // namespace

Keyword LookupKeyword(absl::string_view word) { return GetTable().Find(word); }

KeywordClass ClassOf(Keyword kw) {
  return kw < KW_COUNT_ ? kInfo[kw].cls : KeywordClass::kNone;
}

absl::string_view KeywordText(Keyword kw) {
  return kw < KW_COUNT_ ? GetTable().Text(kw) : absl::string_view();
}

}  // namespace tessera::sql
