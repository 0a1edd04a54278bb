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
  uint8_t ccc;      // Unicode 15: for contractions across marks
  uint8_t reorder;  // of its collation elements in x/text's table
};

// A collation element: its primary weight (0: ignorable) and the combining
// class by which x/text puts elements of marks in canonical order.
struct Elem {
  uint32_t primary;
  uint8_t ccc;
};
using Elems = absl::InlinedVector<Elem, 64>;

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

void AppendPool(uint32_t offset, uint32_t count, uint8_t ccc, Elems* out) {
  for (uint32_t i = 0; i < count; ++i) out->push_back({kPool[offset + i], ccc});
}

const CombiningClass* FindClass(char32_t cp) {
  if (cp < 0x300) return nullptr;
  const CombiningClass* end = kCombiningClasses + std::size(kCombiningClasses);
  const CombiningClass* it = std::lower_bound(
      kCombiningClasses, end, cp,
      [](const CombiningClass& c, char32_t v) { return c.cp < v; });
  return it != end && it->cp == cp ? it : nullptr;
}

uint8_t CombiningClassOf(char32_t cp) {
  const CombiningClass* c = FindClass(cp);
  return c != nullptr ? c->ccc : 0;
}

uint8_t ReorderClassOf(char32_t cp) {
  const CombiningClass* c = FindClass(cp);
  return c != nullptr ? c->reorder : 0;
}

// The elements of one code point outside any contraction; an ignorable
// code point still gives one (weightless) element, which ends a run of
// marks as in x/text.
void AppendCodePoint(char32_t cp, Elems* out) {
  if (cp >= 0xAC00 && cp <= 0xD7A3) {  // Hangul syllable: its jamo
    uint32_t s = cp - 0xAC00;
    AppendCodePoint(0x1100 + s / 588, out);
    AppendCodePoint(0x1161 + (s % 588) / 28, out);
    if (s % 28 != 0) AppendCodePoint(0x11A7 + s % 28, out);
    return;
  }
  uint8_t ccc = ReorderClassOf(cp);
  uint32_t v = kStage2[(uint32_t{kStage1[cp >> kBlockBits]} << kBlockBits) |
                       (cp & ((1u << kBlockBits) - 1))];
  if (v & kExpansion) {
    AppendPool(v & 0xFFFFFF, (v >> 24) & 0x7F, ccc, out);
  } else if (v & kImplicit) {
    out->push_back({cp + (v & ~kImplicit), ccc});
  } else {
    out->push_back({v, ccc});
  }
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
size_t MatchContraction(const CodePoints& cps, size_t i, Elems* out) {
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
  AppendPool(full->offset, full->count, ReorderClassOf(cps[i]), out);
  for (size_t k = i + 1; k < full_end; ++k) {
    if (std::find(positions, positions + full->len, k) ==
        positions + full->len) {
      AppendCodePoint(cps[k], out);
    }
  }
  return full_end - i;
}

// x/text's iterator puts the elements of marks in canonical order: each
// group of elements (one code point, or a contraction with the marks it
// skipped) whose first element has a lower combining class than the run's
// previous group moves back, as a whole, before the run's elements of a
// higher class. A group starting with class 0 ends the run.
struct MarkRun {
  bool active = false;
  size_t start = 0;  // first element of the run
  uint8_t prev = 0;  // class of the run's last group that stayed in place
};

constexpr size_t kMaxRunElements = 30;  // x/text's maxCombiningCharacters

void AddGroup(Elems* elems, size_t p, MarkRun* run) {
  size_t k = elems->size();
  if (p == k) return;
  uint8_t first = (*elems)[p].ccc;
  if (run->active && first != 0 && k - run->start <= kMaxRunElements) {
    if (first < run->prev) {
      size_t q = p;
      while (q > run->start && first < (*elems)[q - 1].ccc) --q;
      std::rotate(elems->begin() + q, elems->begin() + p, elems->end());
    } else {
      run->prev = first;
    }
    return;
  }
  run->prev = (*elems)[k - 1].ccc;
  run->active = run->prev != 0;
  size_t s = p;
  if (first == 0) {
    for (++s; s < k && (*elems)[s].ccc == 0; ++s) {
    }
  }
  run->start = s;
}

void AppendPrimary(uint32_t p, std::string* key) {
  if (p <= 0x7FFF) {
    key->push_back(static_cast<char>(p >> 8));
  } else {
    key->push_back(static_cast<char>((p >> 16) | 0x80));
    key->push_back(static_cast<char>((p >> 8) & 0xFF));
  }
  key->push_back(static_cast<char>(p & 0xFF));
}

}  // namespace

absl::Status UcaLooseKey(absl::string_view utf8, std::string* key) {
  key->clear();
  CodePoints cps;
  if (!DecodeUtf8(utf8, &cps)) {
    return InternalMysqlError(
        absl::StrCat("cannot normalize string containing invalid UTF-8: '",
                     absl::CHexEscape(utf8), "'"));
  }
  while (!cps.empty() && cps.back() == ' ') cps.pop_back();
  Elems elems;
  MarkRun run;
  for (size_t i = 0; i < cps.size();) {
    size_t group = elems.size();
    size_t n = MatchContraction(cps, i, &elems);
    if (n == 0) {
      AppendCodePoint(cps[i], &elems);
      n = 1;
    }
    AddGroup(&elems, group, &run);
    i += n;
  }
  for (const Elem& e : elems) {
    if (e.primary != 0) AppendPrimary(e.primary, key);
  }
  return absl::OkStatus();
}

}  // namespace tessera::vindex
