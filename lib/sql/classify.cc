#include "lib/sql/classify.h"

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"

namespace tessera::sql {
namespace {

Keyword KwAt(absl::Span<const Token> t, size_t i) {
  return i < t.size() && t[i].kind == Tok::kIdent ? t[i].kw : KW_NONE;
}

// Whether token i is the non-keyword word `w` (any case).
bool WordAt(absl::Span<const Token> t, absl::string_view sql, size_t i,
            absl::string_view w) {
  return i < t.size() && t[i].kind == Tok::kIdent && t[i].pos <= sql.size() &&
         absl::EqualsIgnoreCase(sql.substr(t[i].pos, t[i].len), w);
}

// CREATE/ALTER/DROP: the object keyword decides.
StmtKind ClassifyObject(absl::Span<const Token> t, absl::string_view sql,
                        Keyword verb) {
  for (size_t i = 1; i < t.size() && i < 16; ++i) {
    switch (KwAt(t, i)) {
      case KW_TABLE:
        return verb == KW_CREATE  ? StmtKind::kCreateTable
               : verb == KW_ALTER ? StmtKind::kAlterTable
                                  : StmtKind::kDropTable;
      case KW_TABLES:  // DROP TABLES t
        if (verb == KW_DROP) return StmtKind::kDropTable;
        break;
      case KW_DATABASE:
      case KW_SCHEMA:
        return verb == KW_CREATE  ? StmtKind::kCreateDatabase
               : verb == KW_ALTER ? StmtKind::kAlterDatabase
                                  : StmtKind::kDropDatabase;
      case KW_VIEW:
        return verb == KW_CREATE  ? StmtKind::kCreateView
               : verb == KW_ALTER ? StmtKind::kAlterView
                                  : StmtKind::kDropView;
      case KW_INDEX:
        if (verb == KW_CREATE) return StmtKind::kCreateIndex;
        if (verb == KW_DROP) return StmtKind::kDropIndex;
        return StmtKind::kAlterOther;
      case KW_USER:
      case KW_ROLE:
        return StmtKind::kUser;
      case KW_NONE:
        // Objects named by non-keywords (RESOURCE GROUP, PACKAGE, INSTANCE,
        // SPATIAL REFERENCE SYSTEM) end the scan: their options may hold
        // TABLE or USER (`type = user`).
        if (WordAt(t, sql, i, "resource") || WordAt(t, sql, i, "package") ||
            WordAt(t, sql, i, "instance") || WordAt(t, sql, i, "reference")) {
          i = t.size();
        }
        break;
      case KW_PREPARE:
        if (verb == KW_DROP) return StmtKind::kDeallocate;
        break;
      case KW_PROCEDURE:
      case KW_FUNCTION:
      case KW_TRIGGER:
      case KW_EVENT:
      case KW_SEQUENCE:
      case KW_SERVER:
      case KW_TABLESPACE:
      case KW_LOGFILE:
        i = t.size();
        break;
      default:
        break;
    }
  }
  return verb == KW_CREATE  ? StmtKind::kCreateOther
         : verb == KW_ALTER ? StmtKind::kAlterOther
                            : StmtKind::kDropOther;
}

}  // namespace

StmtKind ClassifyTokens(absl::Span<const Token> t, absl::string_view sql) {
  size_t i = 0;
  while (i < t.size() && t[i].kind == Tok::kLParen) ++i;
  if (i >= t.size() || t[i].kind == Tok::kEnd) return StmtKind::kEmpty;
  if (i > 0) return StmtKind::kSelect;
  Keyword w0 = KwAt(t, 0), w1 = KwAt(t, 1);
  switch (w0) {
    case KW_SELECT:
    case KW_VALUES:
    case KW_TABLE:
      return StmtKind::kSelect;
    case KW_WITH: {
      int depth = 0;
      for (size_t k = 1; k < t.size(); ++k) {
        if (t[k].kind == Tok::kLParen)
          ++depth;
        else if (t[k].kind == Tok::kRParen)
          --depth;
        else if (depth == 0 && t[k].kind == Tok::kIdent) {
          if (t[k].kw == KW_UPDATE) return StmtKind::kUpdate;
          if (t[k].kw == KW_DELETE) return StmtKind::kDelete;
          if (t[k].kw == KW_SELECT) return StmtKind::kSelect;
        }
      }
      return StmtKind::kSelect;
    }
    case KW_INSERT:
      return StmtKind::kInsert;
    case KW_REPLACE:
      return StmtKind::kReplace;
    case KW_UPDATE:
      return StmtKind::kUpdate;
    case KW_DELETE:
      return StmtKind::kDelete;
    case KW_LOAD:
      return w1 == KW_INDEX ? StmtKind::kCache : StmtKind::kLoadData;
    case KW_SET:
      return WordAt(t, sql, 1, "resource") && KwAt(t, 2) == KW_GROUP
                 ? StmtKind::kSetResourceGroup
                 : StmtKind::kSet;
    case KW_SHOW:
      return StmtKind::kShow;
    case KW_USE:
      return StmtKind::kUse;
    case KW_BEGIN:
      return w1 == KW_NOT ? StmtKind::kCompound : StmtKind::kBegin;
    case KW_IF:
    case KW_CASE:
    case KW_WHILE:
    case KW_REPEAT:
    case KW_LOOP:
    case KW_FOR:
      return StmtKind::kCompound;
    case KW_BACKUP:
      return StmtKind::kBackup;
    case KW_CLONE:
      return StmtKind::kClone;
    case KW_START:
      return w1 == KW_TRANSACTION ? StmtKind::kBegin : StmtKind::kStart;
    case KW_STOP:
      return StmtKind::kStop;
    case KW_COMMIT:
      return StmtKind::kCommit;
    case KW_ROLLBACK:
      return StmtKind::kRollback;
    case KW_SAVEPOINT:
      return StmtKind::kSavepoint;
    case KW_RELEASE:
      return StmtKind::kReleaseSavepoint;
    case KW_XA:
      return StmtKind::kXa;
    case KW_EXPLAIN:
      return StmtKind::kExplain;
    case KW_DESCRIBE:
    case KW_DESC:
      return StmtKind::kDescribe;
    case KW_LOCK:
      return WordAt(t, sql, 1, "instance") ? StmtKind::kBackup
                                           : StmtKind::kLockTables;
    case KW_UNLOCK:
      return WordAt(t, sql, 1, "instance") ? StmtKind::kBackup
                                           : StmtKind::kUnlockTables;
    case KW_PREPARE:
      return StmtKind::kPrepare;
    case KW_EXECUTE:
      return StmtKind::kExecute;
    case KW_DEALLOCATE:
      return StmtKind::kDeallocate;
    case KW_CALL:
      return StmtKind::kCall;
    case KW_DO:
      return StmtKind::kDo;
    case KW_KILL:
      return StmtKind::kKill;
    case KW_FLUSH:
      return StmtKind::kFlush;
    case KW_ANALYZE:
      return StmtKind::kAnalyze;
    case KW_OPTIMIZE:
      return StmtKind::kOptimize;
    case KW_CHECK:
      return StmtKind::kCheck;
    case KW_REPAIR:
      return StmtKind::kRepair;
    case KW_CHECKSUM:
      return StmtKind::kChecksum;
    case KW_CREATE:
    case KW_ALTER:
    case KW_DROP:
      return ClassifyObject(t, sql, w0);
    case KW_TRUNCATE:
      return StmtKind::kTruncate;
    case KW_RENAME:
      return w1 == KW_USER ? StmtKind::kUser : StmtKind::kRenameTable;
    case KW_GRANT:
      return StmtKind::kGrant;
    case KW_REVOKE:
      return StmtKind::kRevoke;
    case KW_HANDLER:
      return StmtKind::kHandler;
    case KW_SIGNAL:
    case KW_RESIGNAL:
      return StmtKind::kSignal;
    case KW_GET:
      return StmtKind::kGet;
    case KW_PURGE:
      return StmtKind::kPurge;
    case KW_RESET:
      return StmtKind::kReset;
    case KW_CHANGE:
      return StmtKind::kChange;
    case KW_INSTALL:
      return StmtKind::kInstall;
    case KW_UNINSTALL:
      return StmtKind::kUninstall;
    case KW_BINLOG:
      return StmtKind::kBinlog;
    case KW_CACHE:
      return StmtKind::kCache;
    case KW_SHUTDOWN:
      return StmtKind::kShutdown;
    case KW_HELP:
      return StmtKind::kHelp;
    default:
      return WordAt(t, sql, 0, "restart") ? StmtKind::kRestart
                                          : StmtKind::kOther;
  }
}

StmtKind Classify(absl::string_view sql, const LexOptions& options) {
  LexResult r;
  // Only the first words matter: lex a bounded prefix unless it is WITH.
  absl::string_view prefix = sql.substr(0, 256);
  if (!Lex(prefix, options, &r).ok() ||
      (r.tokens.size() > 0 && r.tokens[0].kw == KW_WITH)) {
    if (!Lex(sql, options, &r).ok()) {
      // The prefix may cut a string; classify from what lexed.
      return StmtKind::kOther;
    }
  }
  return ClassifyTokens(r.tokens, sql);
}

absl::string_view StmtKindName(StmtKind k) {
  static constexpr absl::string_view kNames[] = {"select",
                                                 "insert",
                                                 "replace",
                                                 "update",
                                                 "delete",
                                                 "load_data",
                                                 "set",
                                                 "show",
                                                 "use",
                                                 "begin",
                                                 "commit",
                                                 "rollback",
                                                 "savepoint",
                                                 "release_savepoint",
                                                 "xa",
                                                 "explain",
                                                 "describe",
                                                 "lock_tables",
                                                 "unlock_tables",
                                                 "prepare",
                                                 "execute",
                                                 "deallocate",
                                                 "call",
                                                 "do",
                                                 "kill",
                                                 "flush",
                                                 "analyze",
                                                 "optimize",
                                                 "check",
                                                 "repair",
                                                 "checksum",
                                                 "create_table",
                                                 "alter_table",
                                                 "drop_table",
                                                 "truncate",
                                                 "rename_table",
                                                 "create_database",
                                                 "alter_database",
                                                 "drop_database",
                                                 "create_view",
                                                 "alter_view",
                                                 "drop_view",
                                                 "create_index",
                                                 "drop_index",
                                                 "create_other",
                                                 "alter_other",
                                                 "drop_other",
                                                 "grant",
                                                 "revoke",
                                                 "user",
                                                 "handler",
                                                 "signal",
                                                 "get",
                                                 "purge",
                                                 "reset",
                                                 "change",
                                                 "start",
                                                 "stop",
                                                 "install",
                                                 "uninstall",
                                                 "binlog",
                                                 "cache",
                                                 "shutdown",
                                                 "help",
                                                 "compound",
                                                 "backup",
                                                 "clone",
                                                 "restart",
                                                 "set_resource_group",
                                                 "other",
                                                 "empty"};
  static_assert(sizeof(kNames) / sizeof(kNames[0]) ==
                static_cast<size_t>(StmtKind::kEmpty) + 1);
  return kNames[static_cast<size_t>(k)];
}

bool IsDml(StmtKind k) {
  return k == StmtKind::kInsert || k == StmtKind::kReplace ||
         k == StmtKind::kUpdate || k == StmtKind::kDelete ||
         k == StmtKind::kLoadData;
}

bool IsDdl(StmtKind k) {
  switch (k) {
    case StmtKind::kCreateTable:
    case StmtKind::kAlterTable:
    case StmtKind::kDropTable:
    case StmtKind::kTruncate:
    case StmtKind::kRenameTable:
    case StmtKind::kCreateDatabase:
    case StmtKind::kAlterDatabase:
    case StmtKind::kDropDatabase:
    case StmtKind::kCreateView:
    case StmtKind::kAlterView:
    case StmtKind::kDropView:
    case StmtKind::kCreateIndex:
    case StmtKind::kDropIndex:
    case StmtKind::kCreateOther:
    case StmtKind::kAlterOther:
    case StmtKind::kDropOther:
      return true;
    default:
      return false;
  }
}

std::vector<absl::string_view> SplitStatements(absl::string_view sql,
                                               const LexOptions& options) {
  std::vector<absl::string_view> out;
  size_t start = 0, i = 0, n = sql.size();
  auto emit = [&](size_t end) {
    absl::string_view piece =
        absl::StripAsciiWhitespace(sql.substr(start, end - start));
    if (!piece.empty()) out.push_back(piece);
  };
  while (i < n) {
    char c = sql[i];
    if (c == '\'' || c == '"' || c == '`') {
      bool backslash = c != '`' && !options.no_backslash_escapes;
      ++i;
      while (i < n) {
        if (backslash && sql[i] == '\\') {
          i += 2;
        } else if (sql[i] == c) {
          if (i + 1 < n && sql[i + 1] == c) {
            i += 2;
          } else {
            ++i;
            break;
          }
        } else {
          ++i;
        }
      }
    } else if (c == '#' ||
               (c == '-' && i + 2 <= n && sql.substr(i, 2) == "--" &&
                (i + 2 == n || absl::ascii_isspace(sql[i + 2])))) {
      while (i < n && sql[i] != '\n') ++i;
    } else if (c == '/' && i + 1 < n && sql[i + 1] == '*' &&
               !(i + 2 < n && (sql[i + 2] == '!' || sql[i + 2] == 'M'))) {
      size_t end = sql.find("*/", i + 2);
      i = end == absl::string_view::npos ? n : end + 2;
    } else if (c == ';') {
      emit(i);
      start = ++i;
    } else {
      ++i;
    }
  }
  if (i > n) i = n;
  emit(n);
  return out;
}

}  // namespace tessera::sql
