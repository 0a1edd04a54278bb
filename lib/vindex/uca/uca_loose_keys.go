// uca_loose_keys prints the key that Vitess's unicode_loose_* vindexes hash:
// golang.org/x/text/collate with language.English and collate.Loose, the
// input's trailing spaces trimmed, invalid UTF-8 refused.
//
// It is the reference used by gen_uca_loose_table.py and for the test
// vectors; it is not part of the build. Run it with Debian's golang-go and
// golang-golang-x-text-dev:
//
//	GO111MODULE=off GOPATH=/usr/share/gocode go run uca_loose_keys.go [-md5] [-bytes] [-notrim] < in
//
// Each input line is a sequence of hexadecimal code points ("0061 0301"), or
// with -bytes a hexadecimal byte string. Each output line is the input line,
// ';', the key in hex, and with -md5 ';' the MD5 of the key (Vitess's
// unicode_loose_md5 keyspace id). An input that is not valid UTF-8 prints
// "error" as its key.
package main

import (
	"bufio"
	"bytes"
	"crypto/md5"
	"encoding/hex"
	"flag"
	"fmt"
	"os"
	"strconv"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/collate"
	"golang.org/x/text/language"
)

func main() {
	withMD5 := flag.Bool("md5", false, "also print the MD5 of the key")
	asBytes := flag.Bool("bytes", false, "input lines are hex byte strings")
	noTrim := flag.Bool("notrim", false, "keep trailing spaces (for the table)")
	flag.Parse()
	col := collate.New(language.English, collate.Loose)
	buf := new(collate.Buffer)
	in := bufio.NewScanner(os.Stdin)
	in.Buffer(make([]byte, 1<<20), 1<<20)
	w := bufio.NewWriter(os.Stdout)
	defer w.Flush()
	for in.Scan() {
		var s []byte
		if *asBytes {
			s, _ = hex.DecodeString(strings.TrimSpace(in.Text()))
		} else {
			for _, f := range strings.Fields(in.Text()) {
				v, _ := strconv.ParseUint(f, 16, 32)
				s = utf8.AppendRune(s, rune(v))
			}
		}
		if !utf8.Valid(s) {
			fmt.Fprintf(w, "%s;error\n", in.Text())
			continue
		}
		if !*noTrim {
			s = bytes.TrimRight(s, " ")
		}
		key := col.Key(buf, s)
		fmt.Fprintf(w, "%s;%x", in.Text(), key)
		if *withMD5 {
			fmt.Fprintf(w, ";%x", md5.Sum(key))
		}
		fmt.Fprintln(w)
		buf.Reset()
	}
}
