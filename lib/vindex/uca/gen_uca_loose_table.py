#!/usr/bin/env python3
"""Writes uca_loose_table.inc, the primary collation weights that
golang.org/x/text/collate (root/English order, UCA 6.2.0 / CLDR 23) gives
each code point and contraction, as used by Vitess's unicode_loose_*
vindexes.

The weights are those of x/text's tables: its UCA version (6.2.0) is not in
any Debian package (unicode-data has UCA 15.0.0, whose primaries are
renumbered and re-gapped), so they are read off the reference implementation
through uca_loose_keys.go. Debian's allkeys.txt (unicode-data) supplies the
contraction candidates, UnicodeData.txt the canonical combining classes.

Run from this directory (needs golang-go, golang-golang-x-text-dev,
unicode-data); it is not part of the build:
    ./gen_uca_loose_table.py
"""
import os
import re
import subprocess
import unicodedata

UNICODE = '/usr/share/unicode'
BLOCK = 128
# Table value: bits 31-30 kind (0 one primary weight, 0 = ignorable;
# 1 implicit: code point + payload; 2 expansion: count << 15 | pool offset;
# 3 implicit, for a combining mark that UCA 6.2 did not have),
# bits 29-22 the class x/text reorders the code point's elements by,
# bits 21-0 payload.
IMPLICIT = 1 << 30
EXPANSION = 2 << 30
NEW_MARK = 3 << 30
CCC_SHIFT = 22
PAYLOAD = (1 << 22) - 1
OFFSETS = (0x10000, 0x20000, 0x50000)  # x/text implicit primary offsets


def oracle(lines):
    env = dict(os.environ, GO111MODULE='off', GOPATH='/usr/share/gocode')
    out = subprocess.run(['go', 'run', 'uca_loose_keys.go', '-notrim'],
                         input='\n'.join(lines) + '\n', capture_output=True,
                         text=True, env=env, check=True).stdout
    return dict(line.rsplit(';', 1) for line in out.splitlines())


def decode_key(hexkey):
    k = bytes.fromhex(hexkey)
    out, i = [], 0
    while i < len(k):
        if k[i] & 0x80:
            out.append(((k[i] & 0x7F) << 16) | (k[i + 1] << 8) | k[i + 2])
            i += 3
        else:
            out.append((k[i] << 8) | k[i + 1])
            i += 2
    return out


def contraction_candidates():
    seqs = set()
    for line in open(os.path.join(UNICODE, 'allkeys.txt'), encoding='utf-8'):
        if not line.strip() or line[0] in '#@':
            continue
        cps = tuple(int(x, 16) for x in line.split(';')[0].split())
        if len(cps) > 1:
            seqs.add(cps)
    # x/text also lists the canonical decompositions of characters whose
    # weights are not those of their parts (Cyrillic і + U+0308 = ї, ...).
    for c in range(0x110000):
        if 0xD800 <= c <= 0xDFFF:
            continue
        d = tuple(ord(x) for x in unicodedata.normalize('NFD', chr(c)))
        if len(d) > 1:
            seqs.add(d[:3])
            seqs.add(d[:2])
    # ... and their canonically equivalent spellings with singleton marks
    # (U+0341 for U+0301, ...), which x/text matches the same way.
    alias = {}
    for c in range(0x110000):
        if 0xD800 <= c <= 0xDFFF:
            continue
        d = unicodedata.normalize('NFD', chr(c))
        if len(d) == 1 and ord(d) != c:
            alias.setdefault(ord(d), []).append(c)
    for seq in list(seqs):
        for i, c in enumerate(seq):
            for a in alias.get(c, []):
                seqs.add(seq[:i] + (a,) + seq[i + 1:])
    # Thai and Lao prevowels were contractions with the consonant that
    # follows them in UCA 6.2 (logical order exception); UCA 15 drops them.
    for first, last, cons in ((0xE40, 0xE44, range(0xE01, 0xE2F)),
                              (0xEC0, 0xEC4, range(0xE81, 0xEAF))):
        for pv in range(first, last + 1):
            seqs.update((pv, c) for c in cons)
    return sorted(seqs)


def ages():
    age = {}
    for line in open(os.path.join(UNICODE, 'DerivedAge.txt')):
        line = line.split('#')[0].strip()
        if not line:
            continue
        r, v = [x.strip() for x in line.split(';')]
        a, _, b = r.partition('..')
        for c in range(int(a, 16), int(b or a, 16) + 1):
            age[c] = tuple(int(x) for x in v.split('.'))
    return age


def combining_classes():
    """{cp: (ccc, reorder_ccc)}: the Unicode 15 combining class (used to
    match contractions across marks) and the class x/text's table gives the
    code point's first collation element, by which it reorders elements:
    that of the first character of its NFD, and 0 for characters that
    UCA 6.2 did not have (x/text gives them implicit weights)."""
    ccc = {}
    for line in open(os.path.join(UNICODE, 'UnicodeData.txt')):
        f = line.split(';')
        ccc[int(f[0], 16)] = int(f[3])
    age = ages()
    out = {}
    for c, v in ccc.items():
        lead = ccc.get(ord(unicodedata.normalize('NFD', chr(c))[0]), 0)
        reorder = lead if age.get(c, (99,)) <= (6, 2) else 0
        if v or reorder:
            out[c] = (v, reorder)
    return out


def encode_cp(cp, prims, classes, pool, pool_index):
    ccc15, ccc = classes.get(cp, (0, 0))
    tag = ccc << CCC_SHIFT
    if ccc15 and not ccc:
        assert len(prims) == 1 and prims[0] - cp in OFFSETS, hex(cp)
        return NEW_MARK | (prims[0] - cp)
    if not prims:
        return tag
    if len(prims) == 1:
        for off in OFFSETS:
            if prims[0] == cp + off:
                return IMPLICIT | tag | off
        assert prims[0] <= PAYLOAD
        return tag | prims[0]
    offset = intern(prims, pool, pool_index)
    assert len(prims) < 128 and offset < (1 << 15)
    return EXPANSION | tag | (len(prims) << 15) | offset


def jamo(s):
    """The conjoining jamo of Hangul syllable s (Unicode 3.12)."""
    i = s - 0xAC00
    out = [0x1100 + i // 588, 0x1161 + (i % 588) // 28]
    if i % 28:
        out.append(0x11A7 + i % 28)
    return out


def intern(prims, pool, pool_index):
    key = tuple(prims)
    if key not in pool_index:
        pool_index[key] = len(pool)
        pool.extend(prims)
    return pool_index[key]


def fmt_array(values, per_line, _):
    lines = []
    for i in range(0, len(values), per_line):
        lines.append(' '.join('%d,' % v
                              for v in values[i:i + per_line]))
    return '\n'.join(lines)


def newer_ideographs():
    """Ideographs (PropList.txt) added after Unicode 13.0, the version of
    Go 1.19's unicode tables that this generator's x/text runs with."""
    age = ages()
    out = []
    for line in open(os.path.join(UNICODE, 'PropList.txt')):
        line = line.split('#')[0].strip()
        if not line or line.split(';')[1].strip() != 'Ideographic':
            continue
        a, _, b = line.split(';')[0].strip().partition('..')
        out += [c for c in range(int(a, 16), int(b or a, 16) + 1)
                if age.get(c, (99,)) > (13, 0)]
    return out


def main():
    cps = [c for c in range(0x110000) if not 0xD800 <= c <= 0xDFFF]
    single = oracle(['%04X' % c for c in cps])
    prims = {c: decode_key(single['%04X' % c]) for c in cps}
    # x/text picks the implicit weight with Go's unicode.Ideographic, so it
    # depends on the Go release Vitess is built with; current releases use
    # Go >= 1.21 (Unicode 15), where these are ideographs: common (U+4E00..
    # U+9FFF, U+F900..U+FAFF) get cp + 0x10000, others cp + 0x20000.
    for c in newer_ideographs():
        assert prims[c] == [c + 0x50000], hex(c)
        common = 0x4E00 <= c <= 0x9FFF or 0xF900 <= c <= 0xFAFF
        prims[c] = [c + (0x10000 if common else 0x20000)]
    for c in range(0xAC00, 0xD7A4):  # Hangul syllables: looked up as jamo
        assert prims[c] == [p for j in jamo(c) for p in prims[j]], hex(c)
        prims[c] = []
    pool, pool_index = [], {}
    classes = combining_classes()
    values = [encode_cp(c, prims.get(c, []), classes, pool, pool_index)
              for c in range(0x110000)]
    blocks, stage1, block_index = [], [], {}
    for b in range(0, 0x110000, BLOCK):
        blk = tuple(values[b:b + BLOCK])
        if blk not in block_index:
            block_index[blk] = len(blocks)
            blocks.append(blk)
        stage1.append(block_index[blk])

    cands = contraction_candidates()
    keys = oracle([' '.join('%04X' % c for c in s) for s in cands])
    contractions = []
    for s in cands:
        got = decode_key(keys[' '.join('%04X' % c for c in s)])
        if got != [p for c in s for p in prims[c]]:
            contractions.append((s, intern(got, pool, pool_index), len(got)))
    ccc = sorted((c, v[0]) for c, v in classes.items() if v[0])

    with open('uca_loose_table.inc', 'w') as f:
        f.write('// Generated by gen_uca_loose_table.py; do not edit.\n'
                '// Primary weights of golang.org/x/text/collate (UCA 6.2.0, '
                'CLDR 23 root).\n\n')
        f.write('constexpr int kBlockBits = %d;\n\n' % (BLOCK.bit_length() - 1))
        f.write('constexpr uint16_t kStage1[%d] = {\n%s\n};\n\n'
                % (len(stage1), fmt_array(stage1, 16, 0)))
        flat = [v for blk in blocks for v in blk]
        f.write('constexpr uint32_t kStage2[%d] = {\n%s\n};\n\n'
                % (len(flat), fmt_array(flat, 8, 0)))
        f.write('constexpr uint32_t kPool[%d] = {\n%s\n};\n\n'
                % (len(pool), fmt_array(pool, 10, 0)))
        f.write('constexpr Contraction kContractions[%d] = {\n' % len(contractions))
        for s, off, n in contractions:
            seq = ', '.join('0x%04x' % c for c in s + (0,) * (3 - len(s)))
            f.write('    {{%s}, %d, %d, %d},\n' % (seq, len(s), off, n))
        f.write('};\n\n')
        f.write('constexpr CombiningClass kCombiningClasses[%d] = {\n%s\n};\n'
                % (len(ccc), '\n'.join(
                    ' '.join('{0x%05x, %d},' % e for e in ccc[i:i + 6])
                    for i in range(0, len(ccc), 6))))
    print('blocks', len(blocks), 'pool', len(pool),
          'contractions', len(contractions), 'ccc', len(ccc))


if __name__ == '__main__':
    main()
