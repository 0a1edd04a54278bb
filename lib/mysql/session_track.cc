#include "lib/mysql/session_track.h"

#include "lib/mysql/constants.h"
#include "lib/mysql/wire.h"

namespace tessera::mysql {

void SessionStateChanges::SetVariable(absl::string_view name,
                                      absl::string_view value) {
  for (auto it = system_variables.begin(); it != system_variables.end(); ++it) {
    if (it->first == name) {
      system_variables.erase(it);
      break;
    }
  }
  system_variables.emplace_back(std::string(name), std::string(value));
}

void SessionStateChanges::Merge(const SessionStateChanges& later) {
  if (later.schema.has_value()) schema = later.schema;
  for (const auto& [name, value] : later.system_variables) {
    SetVariable(name, value);
  }
  state_changed = state_changed || later.state_changed;
}

std::string EncodeSessionState(const SessionStateChanges& changes) {
  std::string out;
  if (changes.empty()) return out;
  WireWriter w(&out);
  std::string item;
  for (const auto& [name, value] : changes.system_variables) {
    item.clear();
    WireWriter iw(&item);
    iw.LenencString(name);
    iw.LenencString(value);
    w.Int1(track::kSystemVariables);
    w.LenencString(item);
  }
  if (changes.schema.has_value()) {
    item.clear();
    WireWriter(&item).LenencString(*changes.schema);
    w.Int1(track::kSchema);
    w.LenencString(item);
  }
  // Every change is a state change (what MySQL's
  // session_track_state_change reports).
  w.Int1(track::kStateChange);
  w.LenencString("1");
  return out;
}

}  // namespace tessera::mysql
