// Adapts a lib/vindex Vindex to the engine's VindexMapper: bind-variable
// values (sqltypes::TypedValue) in, keyspace ids out. Lookup vindexes need a
// query executor per call, which the router supplies through the factory.
#ifndef TESSERA_LIB_PLANNER_VINDEX_MAPPER_H_
#define TESSERA_LIB_PLANNER_VINDEX_MAPPER_H_

#include <memory>

#include "lib/engine/shard_cursor.h"
#include "lib/sqltypes/value.h"
#include "lib/vindex/value.h"
#include "lib/vindex/vindex.h"

namespace tessera::planner {

// The vindex's view of a bind-variable value.
vindex::Value ToVindexValue(const sqltypes::TypedValue& v);

// A mapper over a functional (no lookup) vindex. `vindex` must outlive the
// mapper (the VSchema that owns it is kept alive by the plan's owner).
std::shared_ptr<const engine::VindexMapper> FunctionalMapper(
    const vindex::Vindex* vindex);

// A mapper over any single-column vindex: functional ones map by value,
// lookup vindexes query their lookup table through the executor the
// engine passes to MapWith (Map without one fails for them). A lookup
// that maps a value to a key range (write_only) is refused with 1235.
std::shared_ptr<const engine::VindexMapper> MapperFor(
    const vindex::Vindex* vindex);

}  // namespace tessera::planner

#endif  // TESSERA_LIB_PLANNER_VINDEX_MAPPER_H_
