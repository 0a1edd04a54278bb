// multicol: a keyspace id assembled from per-column hashes.
//
// Params: column_count (1..8, required); column_vindex, comma-separated
// functional vindex types per column (default hash; empty or missing
// entries are hash); column_bytes, comma-separated byte counts taken from
// the front of each column's hash (sum <= 8). Columns without a count get,
// in order, ceil(bytes left / columns left) each (3 columns: 3, 3, 2). A
// column whose hash is shorter than its share is zero-padded before the
// next column. Cost is the sum of the column vindexes' costs. A row with
// only a prefix of the columns maps to the key range of the ids with that
// prefix. (This matches Vitess's multicol.)
#include <memory>
#include <vector>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"
#include "lib/vindex/builtin.h"
#include "lib/vindex/vindex.h"

namespace tessera::vindex {
namespace {

// The smallest byte string greater than every string with prefix `p`, or
// "" when there is none (p is all 0xff).
std::string PrefixEnd(std::string p) {
  while (!p.empty() && static_cast<uint8_t>(p.back()) == 0xff) p.pop_back();
  if (!p.empty()) p.back() = static_cast<char>(p.back() + 1);
  return p;
}

class MulticolVindex : public Vindex {
 public:
  MulticolVindex(std::string name,
                 std::vector<std::unique_ptr<FunctionalVindex>> parts,
                 std::vector<int> bytes)
      : Vindex(std::move(name)), parts_(std::move(parts)), bytes_(bytes) {
    for (const auto& p : parts_) cost_ += p->cost();
  }
  absl::string_view type() const override { return "multicol"; }
  int cost() const override { return cost_; }
  bool unique() const override { return true; }
  int column_count() const override { return static_cast<int>(parts_.size()); }

  absl::StatusOr<std::vector<Destination>> Map(absl::Span<const Row> rows,
                                               QueryExecutor*) const override {
    std::vector<Destination> out;
    for (const Row& row : rows) {
      if (row.empty() || row.size() > parts_.size()) {
        return absl::InvalidArgumentError(
            absl::StrCat("multicol vindex '", name(), "' wants 1 to ",
                         parts_.size(), " values, got ", row.size()));
      }
      auto ksid = Build(row);
      if (!ksid.ok()) return ksid.status();
      if (!ksid->has_value()) {
        out.push_back(Destination::None());
      } else if (row.size() == parts_.size()) {
        out.push_back(Destination::KeyspaceId(**std::move(ksid)));
      } else {
        std::string end = PrefixEnd(**ksid);
        out.push_back(Destination::Range(key::KeyRange{**ksid, end}));
      }
    }
    return out;
  }

  absl::StatusOr<std::vector<bool>> Verify(absl::Span<const Row> rows,
                                           absl::Span<const std::string> ksids,
                                           QueryExecutor*) const override {
    if (rows.size() != ksids.size()) {
      return absl::InvalidArgumentError("verify: rows and ids differ");
    }
    std::vector<bool> out;
    for (size_t i = 0; i < rows.size(); ++i) {
      if (rows[i].size() != parts_.size()) {
        return absl::InvalidArgumentError(absl::StrCat(
            "multicol vindex '", name(), "' verifies full rows only"));
      }
      auto ksid = Build(rows[i]);
      if (!ksid.ok()) return ksid.status();
      out.push_back(ksid->has_value() && **ksid == ksids[i]);
    }
    return out;
  }

 private:
  // The id (or prefix) for `row`; nullopt when a column maps nowhere.
  absl::StatusOr<std::optional<std::string>> Build(const Row& row) const {
    std::string ksid;
    size_t offset = 0;  // where this column's bytes start
    for (size_t c = 0; c < row.size(); ++c) {
      absl::StatusOr<std::optional<std::string>> checked =
          parts_[c]->CheckedKeyspaceId(row[c]);
      if (!checked.ok()) return checked.status();
      std::optional<std::string>& h = *checked;
      if (!h) return std::optional<std::string>();
      ksid.resize(offset, '\0');  // pad a short previous column
      ksid.append(*h, 0, bytes_[c]);
      offset += bytes_[c];
    }
    return std::optional<std::string>(std::move(ksid));
  }

  std::vector<std::unique_ptr<FunctionalVindex>> parts_;
  std::vector<int> bytes_;
  int cost_ = 0;
};

absl::StatusOr<std::vector<int>> ColumnBytes(const VindexSpec& spec,
                                             int count) {
  std::vector<int> bytes(count, 0);  // 0: not given
  std::string param = StringParam(spec, "column_bytes");
  int sum = 0;
  int given = 0;
  if (!param.empty()) {
    std::vector<absl::string_view> parts = absl::StrSplit(param, ',');
    if (static_cast<int>(parts.size()) > count) {
      return ParamError(spec,
                        "column_bytes has more entries than column_count");
    }
    for (size_t i = 0; i < parts.size(); ++i) {
      absl::string_view part = absl::StripAsciiWhitespace(parts[i]);
      if (part.empty()) continue;
      int b;
      if (!absl::SimpleAtoi(part, &b) || b < 1 || b > 8) {
        return ParamError(spec, absl::StrCat("bad column_bytes entry '", part,
                                             "' (want 1 to 8)"));
      }
      bytes[i] = b;
      sum += b;
      ++given;
    }
  }
  if (sum > 8) return ParamError(spec, "column_bytes add up to more than 8");
  int pending = count - given;
  int left = 8 - sum;
  if (pending > left) {
    return ParamError(spec,
                      "not enough of the 8 bytes left for the "
                      "columns without column_bytes");
  }
  for (int i = 0; i < count && pending > 0; ++i) {
    if (bytes[i] != 0) continue;
    bytes[i] = (left + pending - 1) / pending;
    left -= bytes[i];
    --pending;
  }
  return bytes;
}

absl::StatusOr<std::unique_ptr<Vindex>> Create(const VindexSpec& spec,
                                               const VindexRegistry& reg) {
  static constexpr absl::string_view kAllowed[] = {
      "column_count", "column_bytes", "column_vindex"};
  absl::Status s = CheckParams(spec, kAllowed);
  if (!s.ok()) return s;
  int count = 0;
  if (!absl::SimpleAtoi(StringParam(spec, "column_count"), &count) ||
      count < 1 || count > 8) {
    return ParamError(spec, "column_count must be an integer from 1 to 8");
  }
  auto bytes = ColumnBytes(spec, count);
  if (!bytes.ok()) return bytes.status();
  std::vector<std::string> types;
  if (std::string p = StringParam(spec, "column_vindex"); !p.empty()) {
    for (absl::string_view t : absl::StrSplit(p, ',')) {
      types.emplace_back(absl::StripAsciiWhitespace(t));
    }
  }
  if (static_cast<int>(types.size()) > count) {
    return ParamError(spec, "column_vindex has more entries than column_count");
  }
  types.resize(count);
  std::vector<std::unique_ptr<FunctionalVindex>> parts;
  for (int c = 0; c < count; ++c) {
    if (types[c].empty()) types[c] = "hash";
    auto v = reg.Create(
        VindexSpec{absl::StrCat(spec.name, ".", c + 1), types[c], {}, ""});
    if (!v.ok()) return ParamError(spec, v.status().message());
    auto* f = dynamic_cast<FunctionalVindex*>(v->get());
    if (f == nullptr || !f->unique()) {
      return ParamError(spec, absl::StrCat("column_vindex ", types[c],
                                           " is not a unique functional "
                                           "vindex"));
    }
    v->release();
    parts.emplace_back(f);
  }
  return std::make_unique<MulticolVindex>(spec.name, std::move(parts),
                                          *std::move(bytes));
}

}  // namespace

absl::Status RegisterMulticol(VindexRegistry& registry) {
  return registry.Register("multicol", Create);
}

}  // namespace tessera::vindex
