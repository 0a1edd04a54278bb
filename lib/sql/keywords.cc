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

constexpr size_t kSlots = 4096;  // ~10% load: nearly every lookup is one probe

inline uint32_t SlotOf(uint32_t h) { return (h ^ (h >> 13)) & (kSlots - 1); }

inline uint32_t HashWord(const char* s, size_t n) {
  uint32_t h = 0;
  for (size_t i = 0; i < n; ++i)
    h = KeywordHashStep(h, static_cast<unsigned char>(s[i]));
  return h;
}

// Immutable open-addressing table built once; holds lower-case spellings.
// A slot holds the keyword and its length, so a miss on an empty slot or a
// different length costs one load.
class Table {
 public:
  Table() {
    slots_.fill(Slot{});
    for (uint16_t k = 1; k < KW_COUNT_; ++k) {
      const char* up = kInfo[k].upper;
      size_t n = std::strlen(up);
      char* low = lower_[k].data();
      for (size_t i = 0; i < n; ++i)
        low[i] =
            static_cast<char>(up[i] | 0x20 * (up[i] >= 'A' && up[i] <= 'Z'));
      len_[k] = static_cast<uint8_t>(n);
      uint32_t h = SlotOf(HashWord(low, n));
      while (slots_[h].kw != KW_NONE) h = (h + 1) & (kSlots - 1);
      slots_[h] = Slot{static_cast<Keyword>(k), static_cast<uint8_t>(n)};
    }
  }

  Keyword Find(const char* w, size_t n, uint32_t hash) const {
    uint32_t h = SlotOf(hash);
    while (true) {
      const Slot& slot = slots_[h];
      if (slot.kw == KW_NONE) return KW_NONE;
      if (slot.len == n) {
        // Both sides folded with | 0x20: exact for identifier characters
        // ('_' folds to 0x7f on both sides).
        const char* low = lower_[slot.kw].data();
        size_t i = 0;
        while (i < n && ((w[i] | 0x20) == (low[i] | 0x20))) ++i;
        if (i == n) return slot.kw;
      }
      h = (h + 1) & (kSlots - 1);
    }
  }

  absl::string_view Text(Keyword k) const {
    return absl::string_view(lower_[k].data(), len_[k]);
  }

 private:
  struct Slot {
    Keyword kw = KW_NONE;
    uint8_t len = 0;
  };
  std::array<Slot, kSlots> slots_;
  std::array<std::array<char, kMaxKeywordLength>, KW_COUNT_> lower_{};
  std::array<uint8_t, KW_COUNT_> len_{};
};

const Table& GetTable() {
  static const Table* table = new Table();
  return *table;
}

}  // namespace

Keyword LookupKeyword(absl::string_view word) {
  size_t n = word.size();
  if (n == 0 || n > kMaxKeywordLength) return KW_NONE;
  // Only identifier characters fold exactly; anything else is no keyword.
  for (char c : word) {
    unsigned char u = static_cast<unsigned char>(c);
    bool ident = (u >= '0' && u <= '9') || (u >= 'a' && u <= 'z') ||
                 (u >= 'A' && u <= 'Z') || u == '_';
    if (!ident) return KW_NONE;
  }
  return GetTable().Find(word.data(), n, HashWord(word.data(), n));
}

Keyword LookupKeywordHashed(const char* s, size_t n, uint32_t hash) {
  return GetTable().Find(s, n, hash);
}

KeywordClass ClassOf(Keyword kw) {
  return kw < KW_COUNT_ ? kInfo[kw].cls : KeywordClass::kNone;
}

absl::string_view KeywordText(Keyword kw) {
  return kw < KW_COUNT_ ? GetTable().Text(kw) : absl::string_view();
}

}  // namespace tessera::sql
