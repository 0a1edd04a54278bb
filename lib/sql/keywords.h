// MySQL/MariaDB keywords known to the lexer and parser.
//
// Every keyword has a class:
//   R  reserved: never an unquoted identifier (parser refuses it);
//   Q  reserved in MySQL 8.0 or MariaDB 10.x but accepted by this parser as an
//      identifier where unambiguous (the formatter still backquotes it);
//   N  non-reserved: a plain identifier wherever an identifier fits.
#ifndef TESSERA_LIB_SQL_KEYWORDS_H_
#define TESSERA_LIB_SQL_KEYWORDS_H_

#include <cstddef>
#include <cstdint>

#include "absl/strings/string_view.h"

// clang-format off
#define TESSERA_SQL_KEYWORDS(X)                                               \
  X(ACCESSIBLE, Q) X(ACTION, N) X(ADD, R) X(AFTER, N) X(AGAINST, N)           \
  X(ALGORITHM, N) X(ALL, R) X(ALTER, R) X(ANALYZE, R) X(AND, R) X(ANY, N)     \
  X(ARRAY, N) X(AS, R) X(ASC, R) X(ASENSITIVE, Q) X(AT, N)                     \
  X(AUTO_INCREMENT, N) X(AVG_ROW_LENGTH, N) X(BEFORE, R) X(BEGIN, N)          \
  X(BETWEEN, R) X(BIGINT, R) X(BINARY, R) X(BIT, N) X(BLOB, R) X(BOOL, N)      \
  X(BOOLEAN, N) X(BOTH, R) X(BTREE, N) X(BY, R) X(CALL, R) X(CASCADE, R)       \
  X(CASCADED, N) X(CASE, R) X(CAST, N) X(CHAIN, N) X(CHANGE, R) X(CHAR, R)     \
  X(CHARACTER, R) X(CHARSET, N) X(CHECK, R) X(CHECKSUM, N) X(COALESCE, N)      \
  X(COLLATE, R) X(COLLATION, N) X(COLUMN, R) X(COLUMNS, N) X(COMMENT, N)       \
  X(COMMIT, N) X(COMMITTED, N) X(COMPACT, N) X(COMPRESSED, N)                  \
  X(CONDITION, R) X(CONSISTENT, N) X(CONSTRAINT, R) X(CONTINUE, R)             \
  X(CONVERT, R) X(COUNT, N) X(CREATE, R) X(CROSS, R) X(CUBE, Q)                \
  X(CUME_DIST, Q) X(CURRENT, N) X(CURRENT_DATE, R) X(CURRENT_TIME, R)          \
  X(CURRENT_TIMESTAMP, R) X(CURRENT_USER, R) X(CURSOR, R) X(DATA, N)           \
  X(DATABASE, R) X(DATABASES, R) X(DATE, N) X(DATETIME, N) X(DAY, N)           \
  X(DAY_HOUR, R) X(DAY_MICROSECOND, R) X(DAY_MINUTE, R) X(DAY_SECOND, R)       \
  X(DEALLOCATE, N) X(DEC, R) X(DECIMAL, R) X(DECLARE, R) X(DEFAULT, R)         \
  X(DEFINER, N) X(DELAYED, R) X(DELETE, R) X(DENSE_RANK, Q) X(DESC, R)         \
  X(DESCRIBE, R) X(DETERMINISTIC, R) X(DISTINCT, R) X(DISTINCTROW, R)          \
  X(DIV, R) X(DO, N) X(DOUBLE, R) X(DROP, R) X(DUAL, R) X(DUMPFILE, N)         \
  X(DUPLICATE, N) X(EACH, R) X(ELSE, R) X(ELSEIF, R) X(EMPTY, Q)               \
  X(ENCLOSED, R) X(END, N) X(ENGINE, N) X(ENGINES, N) X(ENUM, N) X(ERRORS, N)  \
  X(ESCAPE, N) X(ESCAPED, R) X(EVENT, N) X(EVENTS, N) X(EXCEPT, R)             \
  X(EXECUTE, N) X(EXISTS, R) X(EXIT, R) X(EXPANSION, N) X(EXPLAIN, R)          \
  X(EXTENDED, N) X(EXTRACT, N) X(FALSE, R) X(FETCH, R) X(FIELDS, N)            \
  X(FIRST, N) X(FIRST_VALUE, Q) X(FIXED, N) X(FLOAT, R) X(FLOAT4, R)           \
  X(FLOAT8, R) X(FLUSH, N) X(FOLLOWING, N) X(FOR, R) X(FORCE, R)               \
  X(FOREIGN, R) X(FORMAT, N) X(FROM, R) X(FULL, N) X(FULLTEXT, R)              \
  X(FUNCTION, N) X(GENERATED, R) X(GET, R) X(GLOBAL, N) X(GRANT, R)            \
  X(GRANTS, N) X(GROUP, R) X(GROUPING, R) X(GROUPS, Q) X(GROUP_CONCAT, N)      \
  X(HASH, N) X(HAVING, R) X(HIGH_PRIORITY, R) X(HOUR, N)                       \
  X(HOUR_MICROSECOND, R) X(HOUR_MINUTE, R) X(HOUR_SECOND, R) X(IF, R)          \
  X(IGNORE, R) X(IN, R) X(INDEX, R) X(INDEXES, N) X(INFILE, R) X(INNER, R)     \
  X(INOUT, R) X(INSENSITIVE, R) X(INSERT, R) X(INT, R) X(INT1, R) X(INT2, R)   \
  X(INT3, R) X(INT4, R) X(INT8, R) X(INTEGER, R) X(INTERSECT, R)               \
  X(INTERVAL, R) X(INTO, R) X(INVISIBLE, N) X(IS, R) X(ISOLATION, N)           \
  X(ITERATE, R) X(JOIN, R) X(JSON, N) X(JSON_TABLE, Q) X(KEY, R) X(KEYS, R)    \
  X(KILL, R) X(LAG, Q) X(LAST, N) X(LAST_VALUE, Q) X(LATERAL, Q) X(LEAD, Q)    \
  X(LEADING, R) X(LEAVE, R) X(LEFT, R) X(LEVEL, N) X(LIKE, R) X(LIMIT, R)      \
  X(LINEAR, R) X(LINES, R) X(LOAD, R) X(LOCAL, N) X(LOCALTIME, R)              \
  X(LOCALTIMESTAMP, R) X(LOCK, R) X(LOCKED, N) X(LONG, R) X(LONGBLOB, R)       \
  X(LONGTEXT, R) X(LOOP, R) X(LOW_PRIORITY, R) X(MATCH, R) X(MAXVALUE, R)      \
  X(MEDIUMBLOB, R) X(MEDIUMINT, R) X(MEDIUMTEXT, R) X(MEMBER, N)               \
  X(MICROSECOND, N) X(MIDDLEINT, R) X(MINUTE, N) X(MINUTE_MICROSECOND, R)      \
  X(MINUTE_SECOND, R) X(MOD, R) X(MODE, N) X(MODIFIES, R) X(MONTH, N)          \
  X(NAMES, N) X(NATIONAL, N) X(NATURAL, R) X(NCHAR, N) X(NEXT, N) X(NO, N)     \
  X(NOT, R) X(NOWAIT, N) X(NO_WRITE_TO_BINLOG, R) X(NTH_VALUE, Q) X(NTILE, Q)  \
  X(NULL, R) X(NULLS, N) X(NUMERIC, R) X(NVARCHAR, N) X(OF, Q) X(OFF, N)       \
  X(OFFSET, N) X(ON, R) X(ONLY, N) X(OPTIMIZE, R) X(OPTION, R)                 \
  X(OPTIONALLY, R) X(OR, R) X(ORDER, R) X(OUT, R) X(OUTER, R) X(OUTFILE, R)    \
  X(OVER, Q) X(PARTITION, R) X(PERCENT_RANK, Q) X(PERSIST, N)                  \
  X(PERSIST_ONLY, N) X(POSITION, N) X(PRECEDING, N) X(PRECISION, R)            \
  X(PREPARE, N) X(PRIMARY, R) X(PROCEDURE, R) X(PROCESSLIST, N) X(PURGE, R)    \
  X(QUARTER, N) X(QUERY, N) X(QUICK, N) X(RANGE, R) X(RANK, Q) X(READ, R)      \
  X(READS, R) X(READ_WRITE, R) X(REAL, R) X(RECURSIVE, R) X(REFERENCES, R)     \
  X(REGEXP, R) X(RELEASE, R) X(RENAME, R) X(REPEAT, R) X(REPEATABLE, N)        \
  X(REPLACE, R) X(REQUIRE, R) X(RESIGNAL, R) X(RESTRICT, R) X(RETURN, R)       \
  X(RETURNING, N) X(REVOKE, R) X(RIGHT, R) X(RLIKE, R) X(ROLLBACK, N)          \
  X(ROLLUP, N) X(ROW, Q) X(ROWS, Q) X(ROW_NUMBER, Q) X(SAVEPOINT, N)           \
  X(SCHEMA, R) X(SCHEMAS, R) X(SECOND, N) X(SECOND_MICROSECOND, R)             \
  X(SELECT, R) X(SENSITIVE, R) X(SEPARATOR, R) X(SERIALIZABLE, N)              \
  X(SESSION, N) X(SET, R) X(SHARE, N) X(SHOW, R) X(SIGNAL, R) X(SIGNED, N)     \
  X(SKIP, N) X(SMALLINT, R) X(SNAPSHOT, N) X(SOME, N) X(SOUNDS, N)             \
  X(SPATIAL, R) X(SPECIFIC, R) X(SQL, R) X(SQLEXCEPTION, R) X(SQLSTATE, R)     \
  X(SQLWARNING, R) X(SQL_BIG_RESULT, R) X(SQL_BUFFER_RESULT, N)                \
  X(SQL_CACHE, N) X(SQL_CALC_FOUND_ROWS, R) X(SQL_NO_CACHE, N)                 \
  X(SQL_SMALL_RESULT, R) X(SSL, R) X(START, N) X(STARTING, R) X(STATUS, N)     \
  X(STORED, R) X(STRAIGHT_JOIN, R) X(SUBSTR, N) X(SUBSTRING, N) X(SYSTEM, Q)   \
  X(TABLE, R) X(TABLES, N) X(TEMPORARY, N) X(TERMINATED, R) X(TEXT, N)         \
  X(THEN, R) X(TIME, N) X(TIMESTAMP, N) X(TINYBLOB, R) X(TINYINT, R)           \
  X(TINYTEXT, R) X(TO, R) X(TRAILING, R) X(TRANSACTION, N) X(TRIGGER, R)       \
  X(TRIM, N) X(TRUE, R) X(TRUNCATE, N) X(UNBOUNDED, N) X(UNCOMMITTED, N)       \
  X(UNDO, R) X(UNION, R) X(UNIQUE, R) X(UNKNOWN, N) X(UNLOCK, R)               \
  X(UNSIGNED, R) X(UPDATE, R) X(USAGE, R) X(USE, R) X(USER, N) X(USING, R)     \
  X(UTC_DATE, R) X(UTC_TIME, R) X(UTC_TIMESTAMP, R) X(VALUE, N) X(VALUES, R)   \
  X(VARBINARY, R) X(VARCHAR, R) X(VARCHARACTER, R) X(VARIABLES, N)             \
  X(VARYING, R) X(VIEW, N) X(VIRTUAL, R) X(WAIT, N) X(WARNINGS, N) X(WEEK, N) X(WHEN, R)  \
  X(WHERE, R) X(WHILE, R) X(WINDOW, R) X(WITH, R) X(WORK, N) X(WRITE, R)       \
  X(XA, N) X(XOR, R) X(YEAR, N) X(YEAR_MONTH, R) X(ZEROFILL, R)                \
  X(LANGUAGE, N) X(TRIGGERS, N) X(PLUGINS, N)        \
  X(PROFILES, N) X(OPEN, N) X(EXCHANGE, N)             \
  X(HANDLER, N) X(ENFORCED, N)           \
  X(MASTER, N) X(SLAVE, N)       \
  X(REPLICA, N) X(BINLOG, N) X(LOGS, N) X(PRIVILEGES, N) \
  X(INSTALL, N) X(UNINSTALL, N) X(RESET, N) X(SHUTDOWN, N) \
  X(HELP, N) X(REPAIR, N) X(CACHE, N) X(SEQUENCE, N)     \
  X(SERVER, N) X(TABLESPACE, N) X(LOGFILE, N) X(ROLE, N) X(BACKUP, N)          \
  X(CLONE, N) X(IMPORT, N) X(PASSWORD, N) X(STOP, N)       \
        \
  X(SHARED, N) X(EXCLUSIVE, N) X(INPLACE, N) X(COPY, N) X(INSTANT, N)          \
  X(RESPECT, N) X(STATEMENT, N)       \
  X(PARTITIONS, N) X(CONNECTION, N)      \
  X(PROCESS, N) \
  X(DIAGNOSTICS, N)     \
  X(SUSPEND, N) X(MIGRATE, N) X(RESUME, N) X(RECOVER, N) X(ONE, N) X(PHASE, N) \
           \
  X(INVOKER, N) X(UNDEFINED, N) \
  X(MERGE, N) X(TEMPTABLE, N)          \
  X(SECURITY, N) \
  X(SERIAL, N) X(GEOMETRY, N) X(POINT, N) X(MODIFY, N)     \
  X(STORAGE, N) X(ROW_FORMAT, N) X(LESS, N) X(THAN, N) X(LIST, N)             \
  X(SUBPARTITION, N) X(SUBPARTITIONS, N) X(ALWAYS, N) X(PERSISTENT, N) X(COLUMN_FORMAT, N) X(SRID, N) X(VISIBLE, N) X(STATS, N) \
  X(PREVIOUS, N) X(WITHIN, N) X(EXAMINED, N) X(TIES, N)

// clang-format on

namespace tessera::sql {

enum Keyword : uint16_t {
  KW_NONE = 0,
#define TESSERA_SQL_KW_ENUM(name, cls) KW_##name,
  TESSERA_SQL_KEYWORDS(TESSERA_SQL_KW_ENUM)
#undef TESSERA_SQL_KW_ENUM
      KW_COUNT_
};

enum class KeywordClass : uint8_t { kNone, kReserved, kQuoted, kNonReserved };

// Looks up `word` case-insensitively; KW_NONE if it is not a keyword.
Keyword LookupKeyword(absl::string_view word);

constexpr size_t kMaxKeywordLength = 32;

namespace internal {
// The keyword table, built at compile time (keywords.cc): open addressing
// over 2,048 slots (~20% load) with a multiplicative hash of the word's
// case-folded bytes (`| 0x20`, exact for identifier characters): the first
// 8 bytes, zero padded, for a word of up to 8 bytes; the first and the last
// 8 bytes and the length for a longer one.
constexpr size_t kKeywordSlotBits = 11;
constexpr size_t kKeywordSlots = size_t{1} << kKeywordSlotBits;
struct KeywordSlot {
  uint16_t kw;
  uint8_t len;
};
struct KeywordTable {
  KeywordSlot slots[kKeywordSlots];
  // Each keyword's bytes | 0x20, zero padded (compared 8 bytes at a time).
  uint64_t folded[KW_COUNT_][kMaxKeywordLength / 8];
  char lower[KW_COUNT_][kMaxKeywordLength];
  uint8_t len[KW_COUNT_];
  KeywordClass cls[KW_COUNT_];
};
extern const KeywordTable kKeywordTable;

constexpr uint64_t kFold8 = 0x2020202020202020ull;
constexpr uint32_t KeywordSlotOfShort(uint64_t key) {
  return static_cast<uint32_t>((key * 0x9E3779B97F4A7C15ull) >>
                               (64 - kKeywordSlotBits));
}
constexpr uint32_t KeywordSlotOfLong(uint64_t first, uint64_t last, size_t n) {
  return KeywordSlotOfShort(first ^ (last * 0xC2B2AE3D27D4EB4Full) ^ n);
}
inline constexpr uint64_t kLowBytesMask[9] = {0,
                                              0xFFull,
                                              0xFFFFull,
                                              0xFFFFFFull,
                                              0xFFFFFFFFull,
                                              0xFFFFFFFFFFull,
                                              0xFFFFFFFFFFFFull,
                                              0xFFFFFFFFFFFFFFull,
                                              ~0ull};
// The low `n` bytes of a little-endian word (1 <= n <= 8).
constexpr uint64_t LowBytes(uint64_t w, size_t n) {
  return w & kLowBytesMask[n];
}
inline uint64_t Load8(const char* s) {
  uint64_t x;
  __builtin_memcpy(&x, s, 8);
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
  x = __builtin_bswap64(x);
#endif
  return x;
}

// Looks up the `n` bytes at `s` (1 <= n <= kMaxKeywordLength, identifier
// characters only); at least 8 bytes from `s` must be readable, and
// `s + n + 8` too when n > 8 (the lexer's input is padded).
__attribute__((always_inline)) inline Keyword FindKeywordPadded(const char* s,
                                                                size_t n) {
  const KeywordTable& t = kKeywordTable;
  uint64_t first = Load8(s) | kFold8;
  if (n <= 8) {
    uint64_t key = LowBytes(first, n);
    uint32_t i = KeywordSlotOfShort(key);
    while (true) {
      KeywordSlot slot = t.slots[i];
      if (slot.kw == KW_NONE) return KW_NONE;
      if (slot.len == n && t.folded[slot.kw][0] == key) {
        return static_cast<Keyword>(slot.kw);
      }
      i = (i + 1) & (kKeywordSlots - 1);
    }
  }
  uint64_t last = Load8(s + n - 8) | kFold8;
  uint32_t i = KeywordSlotOfLong(first, last, n);
  while (true) {
    KeywordSlot slot = t.slots[i];
    if (slot.kw == KW_NONE) return KW_NONE;
    if (slot.len == n) {
      const uint64_t* f = t.folded[slot.kw];
      uint64_t diff = first ^ f[0];
      size_t k = 1;
      for (; 8 * (k + 1) < n; ++k) diff |= (Load8(s + 8 * k) | kFold8) ^ f[k];
      diff |= LowBytes(Load8(s + 8 * k) | kFold8, n - 8 * k) ^ f[k];
      if (diff == 0) return static_cast<Keyword>(slot.kw);
    }
    i = (i + 1) & (kKeywordSlots - 1);
  }
}
}  // namespace internal

inline KeywordClass ClassOf(Keyword kw) {
  return kw < KW_COUNT_ ? internal::kKeywordTable.cls[kw] : KeywordClass::kNone;
}

// The keyword in lower case ("select").
inline absl::string_view KeywordText(Keyword kw) {
  if (kw >= KW_COUNT_) return absl::string_view();
  return absl::string_view(internal::kKeywordTable.lower[kw],
                           internal::kKeywordTable.len[kw]);
}

// Whether an unquoted identifier spelled `word` (any case) would be read as a
// reserved word by MySQL/MariaDB, so the formatter must backquote it.
inline bool NeedsQuoting(Keyword kw) {
  KeywordClass c = ClassOf(kw);
  return c == KeywordClass::kReserved || c == KeywordClass::kQuoted;
}

}  // namespace tessera::sql

#endif  // TESSERA_LIB_SQL_KEYWORDS_H_
