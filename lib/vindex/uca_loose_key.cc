#include "lib/vindex/uca_loose_key.h"

#include <algorithm>
#include <cstdint>
#include <iterator>
#include <utility>

#include "absl/container/inlined_vector.h"
#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"
#include "lib/base/mysql_error.h"

namespace tessera::vindex {
namespace {

struct Contraction {
  char32_t cps[3];
  uint8_t len;
  uint16_t offset;  // into kPool
  uint8_t count;    // primaries
};

struct CombiningClass {
  char32_t cp;
  uint8_t ccc;
};

#include "lib/vindex/uca/uca_loose_table.inc"

constexpr uint32_t kImplicit = 0x40000000;
constexpr uint32_t kExpansion = 0x80000000;

// ASCII code points that start a contraction ("L·"), for a fast path.
constexpr uint64_t AsciiStarters(int half) {
  uint64_t bits = 0;
  for (const Contraction& c : kContractions) {
    if (c.cps[0] < 128 && static_cast<int>(c.cps[0] >> 6) == half) {
      bits |= uint64_t{1} << (c.cps[0] & 63);
    }
  }
  return bits;
}
constexpr uint64_t kAsciiStarters[2] = {AsciiStarters(0), AsciiStarters(1)};

void AppendPrimary(uint32_t p, std::string* key) {
  if (p <= 0x7FFF) {
    key->push_back(static_cast<char>(p >> 8));
  } else {
    key->push_back(static_cast<char>((p >> 16) | 0x80));
    key->push_back(static_cast<char>((p >> 8) & 0xFF));
  }
  key->push_back(static_cast<char>(p & 0xFF));
}

void AppendPool(uint32_t offset, uint32_t count, std::string* key) {
  for (uint32_t i = 0; i < count; ++i) AppendPrimary(kPool[offset + i], key);
}

uint8_t CombiningClassOf(char32_t cp) {
  if (cp < 0x300) return 0;
  const CombiningClass* end = kCombiningClasses + std::size(kCombiningClasses);
  const CombiningClass* it = std::lower_bound(
      kCombiningClasses, end, cp,
      [](const CombiningClass& c, char32_t v) { return c.cp < v; });
  return it != end && it->cp == cp ? it->ccc : 0;
}

// Contractions starting with `cp`, as [first, last).
std::pair<const Contraction*, const Contraction*> ContractionsOf(char32_t cp) {
  const Contraction* end = kContractions + std::size(kContractions);
  if (cp < 128 && !((kAsciiStarters[cp >> 6] >> (cp & 63)) & 1)) {
    return {end, end};
  }
  struct ByFirst {
    bool operator()(const Contraction& c, char32_t v) const {
      return c.cps[0] < v;
    }
    bool operator()(char32_t v, const Contraction& c) const {
      return v < c.cps[0];
    }
  };
  return std::equal_range(kContractions, end, cp, ByFirst());
}

using CodePoints = absl::InlinedVector<char32_t, 64>;

// Decodes `s` as Go's utf8.Valid accepts it; false when invalid.
bool DecodeUtf8(absl::string_view s, CodePoints* out) {
  const auto* p = reinterpret_cast<const uint8_t*>(s.data());
  const uint8_t* end = p + s.size();
  while (p < end) {
    uint8_t b0 = *p;
    if (b0 < 0x80) {
      out->push_back(b0);
      ++p;
      continue;
    }
    int len = b0 >= 0xC2 && b0 <= 0xDF   ? 2
              : b0 >= 0xE0 && b0 <= 0xEF ? 3
              : b0 >= 0xF0 && b0 <= 0xF4 ? 4
                                         : 0;
    if (len == 0 || end - p < len) return false;
    char32_t cp = b0 & (0x7F >> len);
    for (int k = 1; k < len; ++k) {
      if ((p[k] & 0xC0) != 0x80) return false;
      cp = (cp << 6) | (p[k] & 0x3F);
    }
    static constexpr char32_t kMin[5] = {0, 0, 0x80, 0x800, 0x10000};
    if (cp < kMin[len] || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
      return false;
    }
    out->push_back(cp);
    p += len;
  }
  return true;
}

// The longest contraction at cps[i], contiguous or skipping combining marks
// as x/text does. Returns the number of code points consumed (0: none) and
// appends the contraction's primaries, then those of skipped marks.
size_t MatchContraction(const CodePoints& cps, size_t i, std::string* key) {
  auto [first, last] = ContractionsOf(cps[i]);
  if (first == last) return 0;
  // Contiguous: the longest prefix some contraction starts with.
  size_t matched = 1;  // code points of the current prefix
  const Contraction* full = nullptr;
  for (const Contraction* c = first; c != last; ++c) {
    size_t n = 1;
    while (n < c->len && i + n < cps.size() && cps[i + n] == c->cps[n]) ++n;
    matched = std::max(matched, n);
    if (n == c->len && (full == nullptr || c->len > full->len)) full = c;
  }
  size_t full_end = full != nullptr ? i + full->len : i;
  // Discontiguous: marks of increasing combining class may sit in between.
  char32_t prefix[3] = {cps[i], 0, 0};
  for (size_t k = 1; k < matched; ++k) prefix[k] = cps[i + k];
  size_t positions[3] = {i, i + 1, i + 2};
  uint8_t prev = 0;
  const size_t gap = i + matched;  // where the contiguous scan stopped
  for (size_t j = gap; j < cps.size() && matched < 3; ++j) {
    uint8_t ccc = CombiningClassOf(cps[j]);
    if (ccc == 0 || ccc <= prev) break;
    prev = ccc;
    if (j == gap) continue;
    for (const Contraction* c = first; c != last; ++c) {
      if (c->len <= matched || c->cps[matched] != cps[j] ||
          !std::equal(prefix, prefix + matched, c->cps)) {
        continue;
      }
      prefix[matched] = cps[j];
      positions[matched++] = j;
      for (const Contraction* f = first; f != last; ++f) {
        if (f->len == matched && std::equal(prefix, prefix + matched, f->cps)) {
          full = f;
          full_end = j + 1;
        }
      }
      break;
    }
  }
  if (full == nullptr) return 0;
  AppendPool(full->offset, full->count, key);
  for (size_t k = i + 1; k < full_end; ++k) {
    if (std::find(positions, positions + full->len, k) ==
        positions + full->len) {
      AppendUcaLoosePrimaries(cps[k], key);
    }
  }
  return full_end - i;
}

// Puts runs of combining marks in canonical order (stable by combining
// class), as x/text's iterator does with their collation elements.
void ReorderMarks(CodePoints* cps) {
  uint8_t prev = 0;
  for (size_t i = 0; i < cps->size(); ++i) {
    uint8_t ccc = CombiningClassOf((*cps)[i]);
    if (ccc != 0 && ccc < prev) {
      size_t j = i;
      char32_t cp = (*cps)[i];
      while (j > 0 && CombiningClassOf((*cps)[j - 1]) > ccc) {
        (*cps)[j] = (*cps)[j - 1];
        --j;
      }
      (*cps)[j] = cp;
    } else {
      prev = ccc;
    }
  }
}

}  // namespace

void AppendUcaLoosePrimaries(char32_t cp, std::string* key) {
  if (cp >= 0xAC00 && cp <= 0xD7A3) {  // Hangul syllable: its jamo
    uint32_t s = cp - 0xAC00;
    AppendUcaLoosePrimaries(0x1100 + s / 588, key);
    AppendUcaLoosePrimaries(0x1161 + (s % 588) / 28, key);
    if (s % 28 != 0) AppendUcaLoosePrimaries(0x11A7 + s % 28, key);
    return;
  }
  if (cp > 0x10FFFF) return;
  uint32_t v = kStage2[(uint32_t{kStage1[cp >> kBlockBits]} << kBlockBits) |
                       (cp & ((1u << kBlockBits) - 1))];
  if (v == 0) return;
  if (v & kExpansion) {
    AppendPool(v & 0xFFFFFF, (v >> 24) & 0x7F, key);
  } else if (v & kImplicit) {
    AppendPrimary(cp + (v & ~kImplicit), key);
  } else {
    AppendPrimary(v, key);
  }
}

absl::Status UcaLooseKey(absl::string_view utf8, std::string* key) {
  key->clear();
  CodePoints cps;
  if (!DecodeUtf8(utf8, &cps)) {
    return InternalMysqlError(
        absl::StrCat("cannot normalize string containing invalid UTF-8: '",
                     absl::CHexEscape(utf8), "'"));
  }
  while (!cps.empty() && cps.back() == ' ') cps.pop_back();
  ReorderMarks(&cps);
  for (size_t i = 0; i < cps.size();) {
    size_t n = MatchContraction(cps, i, key);
    if (n == 0) {
      AppendUcaLoosePrimaries(cps[i], key);
      n = 1;
    }
    i += n;
  }
  return absl::OkStatus();
}

}  // namespace tessera::vindex
