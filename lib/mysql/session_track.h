// Session state tracking (CLIENT_SESSION_TRACK): the session-state-info
// block of an OK packet, built from a SessionStateChanges.
//
// Layout (MySQL/MariaDB protocol): a sequence of entries, each a type byte
// and a length-encoded payload:
//   SESSION_TRACK_SYSTEM_VARIABLES (0): lenenc name, lenenc value
//   SESSION_TRACK_SCHEMA (1):           lenenc schema name
//   SESSION_TRACK_STATE_CHANGE (2):     "1"
// OkInfo::session_state holds this block; EncodeOk length-prefixes it.
#ifndef TESSERA_LIB_MYSQL_SESSION_TRACK_H_
#define TESSERA_LIB_MYSQL_SESSION_TRACK_H_

#include <string>

#include "lib/mysql/session.h"

namespace tessera::mysql {

// Empty when `changes` is empty. Variables come first, then the schema,
// then the state-change flag (always present when anything else is).
std::string EncodeSessionState(const SessionStateChanges& changes);

}  // namespace tessera::mysql

#endif  // TESSERA_LIB_MYSQL_SESSION_TRACK_H_
