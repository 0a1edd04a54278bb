#include "lib/engine/project.h"

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "lib/base/mysql_error.h"
#include "lib/base/status_macros.h"

namespace tessera::engine {
namespace {

class ProjectStream : public RowStream {
 public:
  ProjectStream(std::unique_ptr<RowStream> in, std::vector<int> columns,
                std::vector<Field> fields)
      : in_(std::move(in)),
        columns_(std::move(columns)),
        fields_(std::move(fields)) {}

  const std::vector<Field>& fields() const override { return fields_; }
  absl::StatusOr<bool> Next(Row* row) override {
    TESSERA_ASSIGN_OR_RETURN(bool more, in_->Next(&scratch_));
    if (!more) return false;
    if (scratch_.size() != in_->fields().size()) {
      return InternalMysqlError("project: row width differs from fields");
    }
    row->resize(columns_.size());
    for (size_t i = 0; i < columns_.size(); ++i) {
      (*row)[i] = std::move(scratch_[columns_[i]]);
    }
    return true;
  }
  uint64_t affected_rows() const override { return in_->affected_rows(); }
  uint64_t last_insert_id() const override { return in_->last_insert_id(); }
  uint16_t warnings() const override { return in_->warnings(); }

 private:
  std::unique_ptr<RowStream> in_;
  std::vector<int> columns_;
  std::vector<Field> fields_;
  Row scratch_;
};

}  // namespace

absl::StatusOr<std::unique_ptr<RowStream>> Project::Open(
    ExecContext& ctx, const BindVars& bind_vars) const {
  TESSERA_ASSIGN_OR_RETURN(std::unique_ptr<RowStream> in,
                           spec_.input->Open(ctx, bind_vars));
  std::vector<int> columns = spec_.columns;
  if (columns.empty() && spec_.drop_trailing > 0) {
    int keep = static_cast<int>(in->fields().size()) - spec_.drop_trailing;
    if (keep < 0) {
      return InternalMysqlError("project: fewer columns than helper columns");
    }
    for (int i = 0; i < keep; ++i) columns.push_back(i);
  }
  std::vector<Field> fields;
  for (size_t i = 0; i < columns.size(); ++i) {
    int c = columns[i];
    if (c < 0 || static_cast<size_t>(c) >= in->fields().size()) {
      return InternalMysqlError(
          absl::StrCat("project: column ", c, " out of range"));
    }
    fields.push_back(in->fields()[c]);
    if (i < spec_.names.size() && !spec_.names[i].empty()) {
      fields.back().name = spec_.names[i];
    }
  }
  return std::unique_ptr<RowStream>(std::make_unique<ProjectStream>(
      std::move(in), std::move(columns), std::move(fields)));
}

std::string Project::Describe() const {
  if (spec_.columns.empty() && spec_.drop_trailing > 0) {
    return absl::StrCat("Project all but last ", spec_.drop_trailing);
  }
  return absl::StrCat("Project ", absl::StrJoin(spec_.columns, ","));
}

}  // namespace tessera::engine
