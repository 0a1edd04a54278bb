// The Vindex interface: how a column value becomes a keyspace id.
//
// A vindex is created from a VindexSpec (the "vindexes" entry of a
// vschema) by a VindexRegistry (registry.h). Vindex objects are immutable
// after creation and safe to call from many threads at once, provided the
// QueryExecutor passed in is used by one thread at a time.
//
// Functional vindexes compute the keyspace id from the value alone and
// ignore the executor (it may be null). Lookup vindexes (needs_lookup())
// query a lookup table through the executor; a null executor is an error.
#ifndef TESSERA_LIB_VINDEX_VINDEX_H_
#define TESSERA_LIB_VINDEX_VINDEX_H_

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/types/span.h"
#include "lib/vindex/destination.h"
#include "lib/vindex/query_executor.h"
#include "lib/vindex/value.h"

namespace tessera::vindex {

// A vindex definition, as in a vschema's "vindexes" map.
struct VindexSpec {
  std::string name;
  std::string type;
  std::map<std::string, std::string> params;
  std::string owner;  // owner table for lookup vindexes; may be empty
  // Accept (and ignore) params the type does not know, as Vitess does,
  // instead of failing.
  bool ignore_unknown_params = false;
};

class LookupVindex;

class Vindex {
 public:
  virtual ~Vindex() = default;

  const std::string& name() const { return name_; }
  // The registry type name ("hash", "lookup_unique", ...).
  virtual absl::string_view type() const = 0;
  // Relative cost of Map; the planner prefers the cheapest unique vindex.
  // 0: identity-like, 1: a hash, 10: unique lookup, 20: non-unique lookup.
  virtual int cost() const = 0;
  // Whether a value maps to at most one keyspace id.
  virtual bool unique() const = 0;
  // Whether Map and Verify query a lookup table.
  virtual bool needs_lookup() const { return false; }
  // Whether ReverseMap can recover the value from a keyspace id.
  virtual bool reversible() const { return false; }
  // How many columns a row carries (multicol and multi-column lookups > 1).
  // Map also accepts a prefix of them where the vindex says so.
  virtual int column_count() const { return 1; }

  // One destination per row. Rows hold column_count() values (fewer for a
  // prefix where supported). Errors: InvalidArgument for malformed rows,
  // executor errors for lookups.
  virtual absl::StatusOr<std::vector<Destination>> Map(
      absl::Span<const Row> rows, QueryExecutor* executor) const = 0;

  // For each (row, ksid) pair, whether the row maps to that keyspace id.
  // Errors: InvalidArgument when the spans differ in length.
  virtual absl::StatusOr<std::vector<bool>> Verify(
      absl::Span<const Row> rows, absl::Span<const std::string> ksids,
      QueryExecutor* executor) const = 0;

  // The value for each keyspace id, for reversible vindexes. Errors:
  // Unimplemented for others; InvalidArgument for a malformed id.
  virtual absl::StatusOr<std::vector<Value>> ReverseMap(
      absl::Span<const std::string> ksids) const;

  // Non-null for lookup vindexes that own rows in a lookup table.
  virtual LookupVindex* AsLookup() { return nullptr; }
  virtual const LookupVindex* AsLookup() const { return nullptr; }

 protected:
  explicit Vindex(std::string name) : name_(std::move(name)) {}

 private:
  std::string name_;
};

// Base for single-column vindexes whose keyspace id is a pure function of
// the value (hash, xxhash, binary, numeric, ...).
class FunctionalVindex : public Vindex {
 public:
  // The keyspace id of `value`, or nullopt when the value cannot exist in
  // such a column (NULL, a non-integer for numeric vindexes): it then maps
  // to Destination::None().
  virtual std::optional<std::string> KeyspaceId(const Value& value) const = 0;

  // KeyspaceId, or an error for a value the vindex refuses (invalid UTF-8
  // for unicode_loose_*, as in Vitess). Map, Verify and multicol use this.
  virtual absl::StatusOr<std::optional<std::string>> CheckedKeyspaceId(
      const Value& value) const {
    return KeyspaceId(value);
  }

  absl::StatusOr<std::vector<Destination>> Map(
      absl::Span<const Row> rows, QueryExecutor* executor) const override;
  absl::StatusOr<std::vector<bool>> Verify(
      absl::Span<const Row> rows, absl::Span<const std::string> ksids,
      QueryExecutor* executor) const override;

 protected:
  using Vindex::Vindex;
};

// Params helpers for factories. Errors name the vindex and its type.
// Fails when `spec` has a param not in `allowed` (unless
// spec.ignore_unknown_params).
absl::Status CheckParams(const VindexSpec& spec,
                         absl::Span<const absl::string_view> allowed);
// "true"/"false" (also 1/0); `fallback` when absent.
absl::StatusOr<bool> BoolParam(const VindexSpec& spec, absl::string_view name,
                               bool fallback);
// The param's value or "" when absent.
std::string StringParam(const VindexSpec& spec, absl::string_view name);
// An error "vindex 'v' (type t): <message>".
absl::Status ParamError(const VindexSpec& spec, absl::string_view message);

}  // namespace tessera::vindex

#endif  // TESSERA_LIB_VINDEX_VINDEX_H_
