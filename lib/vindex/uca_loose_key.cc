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

// Unicode 15 combining classes, for contractions across marks.
struct CombiningClass {
  char32_t cp;
  uint8_t ccc;
};

// A collation element: its primary weight (0: ignorable) and the combining
// class by which x/text puts elements of marks in canonical order.
struct Elem {
  uint32_t primary;
  uint8_t ccc;
};
using Elems = absl::InlinedVector<Elem, 64>;

#include "lib/vindex/uca/uca_loose_table.inc"

// Table values (see gen_uca_loose_table.py): kind in bits 31-30, the
// class x/text reorders the code point's elements by in bits 29-22, payload
// (primary weight, implicit offset, or expansion count << 15 | offset).
constexpr uint32_t kPrimary = 0;
constexpr uint32_t kImplicit = 1;
constexpr uint32_t kExpansion = 2;
constexpr uint32_t kNewMark = 3;  // implicit weight; a mark since UCA 6.2
constexpr uint32_t Kind(uint32_t v) { return v >> 30; }
constexpr uint8_t ReorderClass(uint32_t v) { return (v >> 22) & 0xFF; }
constexpr uint32_t Payload(uint32_t v) { return v & 0x3FFFFF; }

// Filters on the first and second code points of contractions: bit
// (cp % 1024) is set for each. ASCII is exact (L and l start, none
// follows).
struct CodePointFilter {
  uint64_t bits[16] = {};
};
constexpr CodePointFilter MakeFilter(int position) {
  CodePointFilter f;
  for (const Contraction& c : kContractions) {
    char32_t cp = c.cps[position];
    f.bits[(cp >> 6) & 15] |= uint64_t{1} << (cp & 63);
  }
  return f;
}
constexpr CodePointFilter kStarters = MakeFilter(0);
constexpr CodePointFilter kSeconds = MakeFilter(1);

constexpr bool InFilter(const CodePointFilter& f, char32_t cp) {
  return (f.bits[(cp >> 6) & 15] >> (cp & 63)) & 1;
}

void AppendPool(uint32_t offset, uint32_t count, uint8_t ccc, Elems* out) {
  for (uint32_t i = 0; i < count; ++i) out->push_back({kPool[offset + i], ccc});
}

// The table value of `cp`: 0 (ignorable), a primary weight, kImplicit |
// offset, or kExpansion | count << 24 | pool offset.
uint32_t Lookup(char32_t cp) {
  return kStage2[(uint32_t{kStage1[cp >> kBlockBits]} << kBlockBits) |
                 (cp & ((1u << kBlockBits) - 1))];
}

uint8_t CombiningClassOf(char32_t cp) {
  if (cp < 0x300) return 0;
  const CombiningClass* end = kCombiningClasses + std::size(kCombiningClasses);
  const CombiningClass* it = std::lower_bound(
      kCombiningClasses, end, cp,
      [](const CombiningClass& c, char32_t v) { return c.cp < v; });
  return it != end && it->cp == cp ? it->ccc : 0;
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
  uint32_t v = Lookup(cp);
  uint8_t ccc = ReorderClass(v);
  switch (Kind(v)) {
    case kExpansion:
      AppendPool(Payload(v) & 0x7FFF, Payload(v) >> 15, ccc, out);
      break;
    case kImplicit:
    case kNewMark:
      out->push_back({cp + Payload(v), ccc});
      break;
    default:
      out->push_back({Payload(v), ccc});
  }
}

// Contractions starting with `cp`, as [first, last).
std::pair<const Contraction*, const Contraction*> ContractionsOf(char32_t cp) {
  const Contraction* end = kContractions + std::size(kContractions);
  if (!InFilter(kStarters, cp)) return {end, end};
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
// Decodes the code point at `*p` (< end) as Go's utf8.Valid accepts it and
// advances `*p`; false when the bytes are not valid UTF-8.
bool DecodeOne(const uint8_t** p, const uint8_t* end, char32_t* cp) {
  uint8_t b0 = **p;
  if (b0 < 0x80) {
    *cp = b0;
    ++*p;
    return true;
  }
  int len = b0 >= 0xC2 && b0 <= 0xDF   ? 2
            : b0 >= 0xE0 && b0 <= 0xEF ? 3
            : b0 >= 0xF0 && b0 <= 0xF4 ? 4
                                       : 0;
  if (len == 0 || end - *p < len) return false;
  char32_t c = b0 & (0x7F >> len);
  for (int k = 1; k < len; ++k) {
    if (((*p)[k] & 0xC0) != 0x80) return false;
    c = (c << 6) | ((*p)[k] & 0x3F);
  }
  static constexpr char32_t kMin[5] = {0, 0, 0x80, 0x800, 0x10000};
  if (c < kMin[len] || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF)) {
    return false;
  }
  *cp = c;
  *p += len;
  return true;
}

bool DecodeUtf8(absl::string_view s, CodePoints* out) {
  const auto* p = reinterpret_cast<const uint8_t*>(s.data());
  const uint8_t* end = p + s.size();
  char32_t cp;
  while (p < end) {
    if (!DecodeOne(&p, end, &cp)) return false;
    out->push_back(cp);
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
  AppendPool(full->offset, full->count, ReorderClass(Lookup(cps[i])), out);
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

// Writes primary weight `p` (nonzero) at `out` as x/text does: two bytes
// big-endian, or three with the top bit set above 0x7FFF.
char* WritePrimary(uint32_t p, char* out) {
  if (p > 0x7FFF) *out++ = static_cast<char>((p >> 16) | 0x80);
  *out++ = static_cast<char>((p >> 8) & 0xFF);
  *out++ = static_cast<char>(p & 0xFF);
  return out;
}

enum class Path { kDone, kInvalid, kGeneral };

// Whether a combining mark (Unicode 15) may have table value `v`: true for
// all marks, and for a few precomposed characters.
constexpr bool MayBeMark(uint32_t v) {
  return ReorderClass(v) != 0 || Kind(v) == kNewMark;
}

// Whether `cp`, followed by the bytes at `next`, may start a contraction:
// the next code point is a mark or continues one of cp's contractions.
bool MayContract(char32_t cp, const uint8_t* next, const uint8_t* end) {
  if (!InFilter(kStarters, cp)) return false;
  char32_t following;
  if (!DecodeOne(&next, end, &following)) return true;  // let it fail later
  if (MayBeMark(Lookup(following))) return true;
  if (!InFilter(kSeconds, following)) return false;
  auto [first, last] = ContractionsOf(cp);
  for (const Contraction* c = first; c != last; ++c) {
    if (c->cps[1] == following) return true;
  }
  return false;
}

// Most text needs neither contractions nor mark reordering: the key is then
// each code point's weights in turn, written directly. Returns kGeneral at
// the first code point that may start a contraction or whose elements may
// be reordered (ASCII continues no contraction).
Path SimpleKey(absl::string_view s, std::string* key) {
  const auto* p = reinterpret_cast<const uint8_t*>(s.data());
  const uint8_t* end = p + s.size();
  key->resize(2 * s.size() + 16);
  size_t n = 0;
  // Appends the weights of `cp` (table value `v`).
  auto emit = [&](char32_t cp, uint32_t v) {
    uint32_t count = Kind(v) == kExpansion ? Payload(v) >> 15 : 1;
    if (key->size() < n + 3 * count) key->resize(2 * key->size() + 3 * count);
    char* out = key->data() + n;
    switch (Kind(v)) {
      case kExpansion:
        for (uint32_t i = 0; i < count; ++i) {
          out = WritePrimary(kPool[(Payload(v) & 0x7FFF) + i], out);
        }
        break;
      case kImplicit:
      case kNewMark:
        out = WritePrimary(cp + Payload(v), out);
        break;
      default:
        if (Payload(v) != 0) out = WritePrimary(Payload(v), out);
    }
    n = out - key->data();
  };
  char32_t cp;
  while (p < end) {
    if (*p < 0x80) {
      cp = *p++;
    } else if (!DecodeOne(&p, end, &cp)) {
      return Path::kInvalid;
    }
    if (cp >= 0xAC00 && cp <= 0xD7A3) {  // Hangul syllable: its jamo
      uint32_t i = cp - 0xAC00;
      char32_t jamo[3] = {0x1100 + i / 588, 0x1161 + (i % 588) / 28,
                          0x11A7 + i % 28};
      for (int j = 0; j < (i % 28 != 0 ? 3 : 2); ++j) {
        uint32_t v = Lookup(jamo[j]);
        if (ReorderClass(v) != 0) return Path::kGeneral;
        emit(jamo[j], v);
      }
      continue;
    }
    uint32_t v = Lookup(cp);
    if (ReorderClass(v) != 0) return Path::kGeneral;
    if (p < end && *p >= 0x80 && MayContract(cp, p, end)) {
      return Path::kGeneral;
    }
    emit(cp, v);
  }
  key->resize(n);
  return Path::kDone;
}

}  // namespace

absl::Status UcaLooseKey(absl::string_view utf8, std::string* key) {
  key->clear();
  absl::string_view s = utf8;  // trailing spaces never end a UTF-8 sequence
  while (!s.empty() && s.back() == ' ') s.remove_suffix(1);
  Path path = SimpleKey(s, key);
  CodePoints cps;
  if (path == Path::kGeneral && !DecodeUtf8(s, &cps)) path = Path::kInvalid;
  if (path == Path::kInvalid) {
    key->clear();
    return InternalMysqlError(
        absl::StrCat("cannot normalize string containing invalid UTF-8: '",
                     absl::CHexEscape(utf8), "'"));
  }
  if (path == Path::kDone) return absl::OkStatus();
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
  key->resize(3 * elems.size());
  char* out = key->data();
  for (const Elem& e : elems) {
    if (e.primary != 0) out = WritePrimary(e.primary, out);
  }
  key->resize(out - key->data());
  return absl::OkStatus();
}

}  // namespace tessera::vindex
