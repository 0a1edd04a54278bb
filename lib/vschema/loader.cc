#include "lib/vschema/loader.h"

#include <google/protobuf/descriptor.h>
#include <google/protobuf/struct.pb.h>
#include <google/protobuf/util/json_util.h>

#include <algorithm>
#include <fstream>
#include <sstream>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"

namespace tessera::vschema {
namespace {

namespace pb = ::google::protobuf;

void FindUnknown(const pb::Struct& obj, const pb::Descriptor* desc,
                 const std::string& path, std::vector<std::string>* out);

std::string Join(const std::string& path, const std::string& name) {
  return path.empty() ? name : absl::StrCat(path, ".", name);
}

// Checks one JSON value against field `f` (already known to exist).
void CheckField(const pb::Value& v, const pb::FieldDescriptor* f,
                const std::string& path, std::vector<std::string>* out) {
  if (f->is_map()) {
    const pb::FieldDescriptor* value_field =
        f->message_type()->FindFieldByName("value");
    if (value_field->type() != pb::FieldDescriptor::TYPE_MESSAGE ||
        !v.has_struct_value()) {
      return;
    }
    for (const auto& [key, entry] : v.struct_value().fields()) {
      if (entry.has_struct_value()) {
        FindUnknown(entry.struct_value(), value_field->message_type(),
                    Join(path, key), out);
      }
    }
    return;
  }
  if (f->type() != pb::FieldDescriptor::TYPE_MESSAGE) return;
  if (f->is_repeated() && v.has_list_value()) {
    int i = 0;
    for (const pb::Value& e : v.list_value().values()) {
      if (e.has_struct_value()) {
        FindUnknown(e.struct_value(), f->message_type(),
                    absl::StrCat(path, "[", i, "]"), out);
      }
      ++i;
    }
  } else if (v.has_struct_value()) {
    FindUnknown(v.struct_value(), f->message_type(), path, out);
  }
}

// Appends the path of every key of `obj` that `desc` has no field for.
void FindUnknown(const pb::Struct& obj, const pb::Descriptor* desc,
                 const std::string& path, std::vector<std::string>* out) {
  for (const auto& [key, value] : obj.fields()) {
    const pb::FieldDescriptor* f = desc->FindFieldByName(key);
    if (f == nullptr) f = desc->FindFieldByCamelcaseName(key);
    if (f == nullptr) {
      out->push_back(Join(path, key));
      continue;
    }
    CheckField(value, f, Join(path, key), out);
  }
}

}  // namespace

absl::StatusOr<vschemapb::SrvVSchema> ParseVSchemaJson(
    absl::string_view json, const LoadOptions& options, VSchemaForm* form) {
  pb::Struct doc;
  {
    pb::Value v;
    auto s = pb::util::JsonStringToMessage(
        pb::StringPiece(json.data(), json.size()), &v);
    if (!s.ok()) {
      return absl::InvalidArgumentError(
          absl::StrCat("vschema is not valid JSON: ", s.message().as_string()));
    }
    if (!v.has_struct_value()) {
      return absl::InvalidArgumentError("vschema must be a JSON object");
    }
    doc = v.struct_value();
  }
  bool cluster = doc.fields().count("keyspaces") != 0;
  if (form != nullptr) {
    *form = cluster ? VSchemaForm::kCluster : VSchemaForm::kKeyspace;
  }
  const pb::Descriptor* desc = cluster ? vschemapb::SrvVSchema::descriptor()
                                       : vschemapb::Keyspace::descriptor();
  if (!options.ignore_unknown_fields) {
    std::vector<std::string> unknown;
    FindUnknown(doc, desc, "", &unknown);
    if (!unknown.empty()) {
      std::sort(unknown.begin(), unknown.end());
      return absl::InvalidArgumentError(absl::StrCat(
          "vschema has unknown field(s): ", absl::StrJoin(unknown, ", ")));
    }
  }
  pb::util::JsonParseOptions parse;
  parse.ignore_unknown_fields = options.ignore_unknown_fields;
  vschemapb::SrvVSchema out;
  pb::util::Status s;
  if (cluster) {
    s = pb::util::JsonStringToMessage(pb::StringPiece(json.data(), json.size()),
                                      &out, parse);
  } else {
    vschemapb::Keyspace ks;
    s = pb::util::JsonStringToMessage(pb::StringPiece(json.data(), json.size()),
                                      &ks, parse);
    (*out.mutable_keyspaces())[options.keyspace] = std::move(ks);
  }
  if (!s.ok()) {
    return absl::InvalidArgumentError(
        absl::StrCat("bad vschema: ", s.message().as_string()));
  }
  return out;
}

absl::StatusOr<vschemapb::SrvVSchema> LoadVSchemaFile(
    const std::string& path, const LoadOptions& options, VSchemaForm* form) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return absl::NotFoundError(absl::StrCat("cannot read ", path));
  std::stringstream buf;
  buf << in.rdbuf();
  return ParseVSchemaJson(buf.str(), options, form);
}

std::string ToJson(const vschemapb::SrvVSchema& vschema) {
  pb::util::JsonPrintOptions opts;
  opts.preserve_proto_field_names = true;
  opts.add_whitespace = true;
  std::string out;
  (void)pb::util::MessageToJsonString(vschema, &out, opts);
  return out;
}

}  // namespace tessera::vschema
