// Folding of text for the unicode_loose_* vindexes: two strings that a
// case- and accent-insensitive collation calls equal fold to the same bytes.
//
// Steps: drop invalid UTF-8 bytes; drop trailing spaces (PAD SPACE
// collations ignore them); decompose letters with diacritics in Latin-1,
// Latin Extended-A/B (common part) and Greek to their base letter; drop
// combining marks (U+0300..U+036F); lowercase ASCII, Latin, Greek and
// Cyrillic; expand ß/ẞ to "ss", æ to "ae", œ to "oe", ĳ to "ij"; the
// result is UTF-8. Characters outside these blocks pass through unchanged.
#ifndef TESSERA_LIB_VINDEX_UNICODE_FOLD_H_
#define TESSERA_LIB_VINDEX_UNICODE_FOLD_H_

#include <string>

#include "absl/strings/string_view.h"

namespace tessera::vindex {

std::string UnicodeLooseFold(absl::string_view utf8);

}  // namespace tessera::vindex

#endif  // TESSERA_LIB_VINDEX_UNICODE_FOLD_H_
