#include "lib/topo/describe.h"

#include <memory>

#include "absl/strings/str_cat.h"
#include "google/protobuf/io/tokenizer.h"
#include "google/protobuf/text_format.h"
#include "lib/topo/topodata.pb.h"

namespace tessera::topo {
namespace {

std::unique_ptr<google::protobuf::Message> RecordFor(absl::string_view key) {
  absl::string_view last = key.substr(key.rfind('/') + 1);
  if (last == "Keyspace") return std::make_unique<topodata::Keyspace>();
  if (last == "Shard") return std::make_unique<topodata::Shard>();
  if (last == "Tablet") return std::make_unique<topodata::Tablet>();
  if (last == "SrvKeyspace") return std::make_unique<topodata::SrvKeyspace>();
  if (last == "RoutingRules") {
    return std::make_unique<topodata::RoutingRules>();
  }
  return nullptr;
}

class Collector : public google::protobuf::io::ErrorCollector {
 public:
  void AddError(int line, int column, const std::string& message) override {
    if (error.empty()) {
      error = absl::StrCat("line ", line + 1, ":", column + 1, ": ", message);
    }
  }
  std::string error;
};

}  // namespace

absl::StatusOr<std::string> DescribeValue(absl::string_view key,
                                          absl::string_view value) {
  auto msg = RecordFor(key);
  if (msg == nullptr) return std::string(value);
  if (!msg->ParseFromArray(value.data(), static_cast<int>(value.size()))) {
    return absl::DataLossError(
        absl::StrCat("topo: cannot parse ", key, " as ", msg->GetTypeName()));
  }
  std::string out;
  google::protobuf::TextFormat::PrintToString(*msg, &out);
  return out;
}

absl::StatusOr<std::string> EncodeValue(absl::string_view key,
                                        absl::string_view text) {
  auto msg = RecordFor(key);
  if (msg == nullptr) return std::string(text);
  google::protobuf::TextFormat::Parser parser;
  Collector errors;
  parser.RecordErrorsTo(&errors);
  if (!parser.ParseFromString(std::string(text), msg.get())) {
    return absl::InvalidArgumentError(
        absl::StrCat("topo: value for ", key, " is not a ", msg->GetTypeName(),
                     " in protobuf text format: ", errors.error));
  }
  return msg->SerializeAsString();
}

}  // namespace tessera::topo
