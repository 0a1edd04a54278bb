// The normalised form that Vitess's unicode_loose_md5 / unicode_loose_xxhash
// vindexes hash: the collation key of golang.org/x/text/collate for
// language.English with collate.Loose (primary strength: case, accents and
// width ignored), of the value with its trailing spaces removed.
//
// The key is the sequence of the string's primary weights (root order of
// UCA 6.2.0 / CLDR 23, as x/text has them), each as two bytes big-endian, or
// as three bytes (first byte | 0x80) when above 0x7FFF (implicit weights of
// CJK ideographs and unlisted code points). Contractions (e.g. Cyrillic
// и + U+0306, Thai prevowel + consonant, L + U+00B7), also discontiguous
// ones across combining marks, expansions (ß → ss) and Hangul syllables
// (their jamo) follow x/text. See docs/vschema.md for the known gaps.
#ifndef TESSERA_LIB_VINDEX_UCA_LOOSE_KEY_H_
#define TESSERA_LIB_VINDEX_UCA_LOOSE_KEY_H_

#include <string>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"

namespace tessera::vindex {

// Sets `*key` to the key of `utf8`. Invalid UTF-8 (as Go's utf8.Valid
// judges it: overlong forms, surrogates and values above U+10FFFF included)
// is an error, as in Vitess.
absl::Status UcaLooseKey(absl::string_view utf8, std::string* key);

}  // namespace tessera::vindex

#endif  // TESSERA_LIB_VINDEX_UCA_LOOSE_KEY_H_
