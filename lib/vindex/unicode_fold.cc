#include "lib/vindex/unicode_fold.h"

#include <algorithm>
#include <cstdint>
#include <utility>

namespace tessera::vindex {
namespace {

struct Fold {
  uint16_t from;
  uint16_t to;
};

constexpr Fold kFoldTable[] = {
#include "lib/vindex/unicode_fold_table.inc"
};

// Decodes one UTF-8 sequence at `s[*i]`; returns -1 (and skips one byte)
// for an invalid sequence.
int32_t NextCodePoint(absl::string_view s, size_t* i) {
  auto byte = [&](size_t k) { return static_cast<uint8_t>(s[k]); };
  uint8_t b0 = byte(*i);
  int len = b0 < 0x80           ? 1
            : (b0 >> 5) == 0x6  ? 2
            : (b0 >> 4) == 0xe  ? 3
            : (b0 >> 3) == 0x1e ? 4
                                : 0;
  if (len == 0 || *i + len > s.size()) {
    ++*i;
    return -1;
  }
  int32_t cp = len == 1 ? b0 : (b0 & (0x7f >> len));
  for (int k = 1; k < len; ++k) {
    uint8_t b = byte(*i + k);
    if ((b & 0xc0) != 0x80) {
      ++*i;
      return -1;
    }
    cp = (cp << 6) | (b & 0x3f);
  }
  static constexpr int32_t kMin[] = {0, 0, 0x80, 0x800, 0x10000};
  if (cp < kMin[len] || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) {
    ++*i;
    return -1;
  }
  *i += len;
  return cp;
}

void AppendUtf8(int32_t cp, std::string* out) {
  if (cp < 0x80) {
    out->push_back(static_cast<char>(cp));
  } else if (cp < 0x800) {
    out->push_back(static_cast<char>(0xc0 | (cp >> 6)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3f)));
  } else if (cp < 0x10000) {
    out->push_back(static_cast<char>(0xe0 | (cp >> 12)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3f)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3f)));
  } else {
    out->push_back(static_cast<char>(0xf0 | (cp >> 18)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3f)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3f)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3f)));
  }
}

void AppendFolded(int32_t cp, std::string* out) {
  if (cp < 0x80) {
    if (cp >= 'A' && cp <= 'Z') cp += 'a' - 'A';
    out->push_back(static_cast<char>(cp));
    return;
  }
  if (cp >= 0x300 && cp <= 0x36f) return;  // combining diacritical marks
  if (cp <= 0xffff) {
    const Fold* end = std::end(kFoldTable);
    const Fold* it =
        std::lower_bound(std::begin(kFoldTable), end, cp,
                         [](const Fold& f, int32_t c) { return f.from < c; });
    if (it != end && it->from == cp) cp = it->to;
  }
  if (cp >= 0x410 && cp <= 0x42f) cp += 0x20;  // Cyrillic capitals
  if (cp >= 0x400 && cp <= 0x40f) cp += 0x50;
  switch (cp) {
    case 0xdf:    // ß
    case 0x1e9e:  // ẞ
      out->append("ss");
      return;
    case 0xe6:  // æ
      out->append("ae");
      return;
    case 0x153:  // œ
      out->append("oe");
      return;
    case 0x133:  // ĳ
      out->append("ij");
      return;
    case 0x3c2:  // final sigma
      cp = 0x3c3;
      break;
    default:
      break;
  }
  AppendUtf8(cp, out);
}

}  // namespace

std::string UnicodeLooseFold(absl::string_view utf8) {
  while (!utf8.empty() && utf8.back() == ' ') utf8.remove_suffix(1);
  std::string out;
  out.reserve(utf8.size());
  size_t i = 0;
  while (i < utf8.size()) {
    int32_t cp = NextCodePoint(utf8, &i);
    if (cp >= 0) AppendFolded(cp, &out);
  }
  // Invalid bytes may have hidden trailing spaces.
  while (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

}  // namespace tessera::vindex
