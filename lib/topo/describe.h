// Human-readable topology values for tools (`tessera topo get|put|watch`).
//
// Keys whose last component names a record type (Keyspace, Shard, Tablet,
// SrvKeyspace, RoutingRules) hold binary protobuf; they are shown and
// accepted as protobuf text format. Anything else (VSchema JSON, user keys)
// is raw bytes.
#ifndef TESSERA_LIB_TOPO_DESCRIBE_H_
#define TESSERA_LIB_TOPO_DESCRIBE_H_

#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace tessera::topo {

// Binary record -> text format (raw value for other keys). kDataLoss if a
// record does not parse.
absl::StatusOr<std::string> DescribeValue(absl::string_view key,
                                          absl::string_view value);

// Text format -> binary record (raw text for other keys). kInvalidArgument
// with the parser's message if the text is not a valid record.
absl::StatusOr<std::string> EncodeValue(absl::string_view key,
                                        absl::string_view text);

}  // namespace tessera::topo

#endif  // TESSERA_LIB_TOPO_DESCRIBE_H_
