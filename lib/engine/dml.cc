#include "lib/engine/dml.h"

#include "absl/strings/str_cat.h"
#include "lib/base/mysql_error.h"
#include "lib/base/status_macros.h"

namespace tessera::engine {
namespace {

// Counts the shards a route would run on, without running anything.
class CountingCursor : public ShardCursor {
 public:
  explicit CountingCursor(ShardCursor* real) : real_(real) {}
  absl::StatusOr<std::vector<std::string>> ResolveShards(
      absl::string_view keyspace, const Destination& dest) override {
    return real_->ResolveShards(keyspace, dest);
  }
  absl::StatusOr<std::vector<std::unique_ptr<RowStream>>> Execute(
      const std::vector<ShardQuery>& queries) override {
    shards = queries.size();
    return std::vector<std::unique_ptr<RowStream>>{};
  }
  size_t shards = 0;

 private:
  ShardCursor* real_;
};

}  // namespace

absl::StatusOr<std::unique_ptr<RowStream>> Dml::Open(
    ExecContext& ctx, const BindVars& bind_vars) const {
  if (single_only_) {
    CountingCursor counter(ctx.cursor);
    ExecContext dry{&counter, ctx.limits};
    TESSERA_RETURN_IF_ERROR(route_.Open(dry, bind_vars).status());
    if (counter.shards > 1) {
      return MysqlError(
          er::kNotSupportedYet, "42000",
          absl::StrCat("This version of Tessera doesn't yet support '",
                       kind_ == DmlKind::kUpdate ? "UPDATE" : "DELETE",
                       " with LIMIT on several shards'"));
    }
  }
  return route_.Open(ctx, bind_vars);
}

std::string Dml::Describe() const {
  return absl::StrCat(kind_ == DmlKind::kUpdate ? "Update " : "Delete ",
                      route_.Describe());
}

}  // namespace tessera::engine
