#include "lib/engine/aggregate.h"

#include <algorithm>
#include <optional>

#include "absl/strings/str_cat.h"
#include "lib/base/mysql_error.h"
#include "lib/base/status_macros.h"
#include "lib/sqltypes/compare.h"
#include "lib/sqltypes/sum.h"

namespace tessera::engine {
namespace {

using sqltypes::ColumnType;
using sqltypes::Kind;

struct AggState {
  explicit AggState(Kind kind) : sum(kind) {}
  sqltypes::SumAccumulator sum;
  uint64_t count = 0;
  Value best;         // MIN/MAX so far (NULL until a non-NULL value)
  Value best_weight;  // its weight string, when compared by weight
  std::optional<Value> last_distinct;
  std::string concat;
  bool has_concat = false;
  uint64_t bits = 0;  // BIT_AND/OR/XOR so far (valid when has_bits)
  bool has_bits = false;
};

bool IsBitOp(AggregateOp op) {
  return op == AggregateOp::kBitAnd || op == AggregateOp::kBitOr ||
         op == AggregateOp::kBitXor;
}

// The value of BIT_AND/BIT_OR/BIT_XOR over no rows.
uint64_t BitIdentity(AggregateOp op) {
  return op == AggregateOp::kBitAnd ? ~uint64_t{0} : 0;
}

absl::Status FoldBits(AggregateOp op, const Value& v, AggState* s) {
  uint64_t n = 0;
  if (v.is_null() || !sqltypes::ParseUint64(v.bytes(), &n)) {
    return InternalMysqlError(absl::StrCat("BIT_AND/OR/XOR: not a partial: '",
                                           v.is_null() ? "NULL" : v.bytes(),
                                           "'"));
  }
  if (!s->has_bits) {
    s->bits = n;
  } else if (op == AggregateOp::kBitAnd) {
    s->bits &= n;
  } else if (op == AggregateOp::kBitOr) {
    s->bits |= n;
  } else {
    s->bits ^= n;
  }
  s->has_bits = true;
  return absl::OkStatus();
}

class AggregateStream : public RowStream {
 public:
  AggregateStream(std::unique_ptr<RowStream> in, AggregateParams p,
                  RowComparator group_cmp, std::vector<Field> fields)
      : in_(std::move(in)),
        p_(std::move(p)),
        group_cmp_(std::move(group_cmp)),
        fields_(std::move(fields)) {
    for (const AggregateSpec& a : p_.aggregates) {
      types_.push_back(sqltypes::ColumnTypeOf(in_->fields()[a.column]));
      distinct_types_.push_back(
          a.weight_column != kNoColumn
              ? ColumnType{Kind::kBinary, sqltypes::kBinaryCollation}
              : types_.back());
    }
  }

  const std::vector<Field>& fields() const override { return fields_; }
  uint16_t warnings() const override { return in_->warnings(); }

  absl::StatusOr<bool> Next(Row* row) override {
    if (done_) return false;
    if (!has_pending_) {
      TESSERA_ASSIGN_OR_RETURN(bool more, in_->Next(&pending_));
      if (!more) {
        done_ = true;
        if (!p_.group_by.empty() || emitted_) return false;
        *row = EmptyScalarRow();
        return true;
      }
      if (pending_.size() != fields_.size()) {
        return InternalMysqlError("aggregate: row width differs from fields");
      }
      has_pending_ = true;
    }
    // Start a group with the pending row and fold rows until the key changes.
    Row group = std::move(pending_);
    has_pending_ = false;
    std::vector<AggState> states = InitStates();
    TESSERA_RETURN_IF_ERROR(Accumulate(group, &states));
    while (true) {
      TESSERA_ASSIGN_OR_RETURN(bool more, in_->Next(&pending_));
      if (!more) {
        done_ = true;
        break;
      }
      if (pending_.size() != fields_.size()) {
        return InternalMysqlError("aggregate: row width differs from fields");
      }
      if (p_.group_by.empty() || group_cmp_.Compare(group, pending_) == 0) {
        TESSERA_RETURN_IF_ERROR(Accumulate(pending_, &states));
        continue;
      }
      has_pending_ = true;
      break;
    }
    Finish(states, &group);
    emitted_ = true;
    *row = std::move(group);
    return true;
  }

 private:
  std::vector<AggState> InitStates() const {
    std::vector<AggState> s;
    s.reserve(types_.size());
    for (const ColumnType& t : types_) s.emplace_back(t.kind);
    return s;
  }

  absl::Status Accumulate(const Row& row, std::vector<AggState>* states) {
    for (size_t i = 0; i < p_.aggregates.size(); ++i) {
      const AggregateSpec& a = p_.aggregates[i];
      AggState& s = (*states)[i];
      const Value& v = row[a.column];
      switch (a.op) {
        case AggregateOp::kCount: {
          uint64_t n = 0;
          if (!v.is_null() && !sqltypes::ParseUint64(v.bytes(), &n)) {
            return InternalMysqlError(
                absl::StrCat("COUNT: not a count: '", v.bytes(), "'"));
          }
          s.count += n;
          break;
        }
        case AggregateOp::kSum:
          TESSERA_RETURN_IF_ERROR(s.sum.Add(v));
          break;
        case AggregateOp::kAvg: {
          TESSERA_RETURN_IF_ERROR(s.sum.Add(v));
          uint64_t n = 0;
          const Value& c = row[a.count_column];
          if (!c.is_null() && sqltypes::ParseUint64(c.bytes(), &n))
            s.count += n;
          break;
        }
        case AggregateOp::kMin:
        case AggregateOp::kMax: {
          if (v.is_null()) break;
          const bool by_weight = a.weight_column != kNoColumn;
          const Value& key = by_weight ? row[a.weight_column] : v;
          int c = 0;
          if (!s.best.is_null()) {
            c = sqltypes::CompareCells(key, by_weight ? s.best_weight : s.best,
                                       distinct_types_[i]);
          }
          if (s.best.is_null() || (a.op == AggregateOp::kMin ? c < 0 : c > 0)) {
            s.best = v;
            if (by_weight) s.best_weight = key;
          }
          break;
        }
        case AggregateOp::kCountDistinct:
        case AggregateOp::kSumDistinct: {
          const Value& key =
              a.weight_column != kNoColumn ? row[a.weight_column] : v;
          if (v.is_null()) break;
          if (s.last_distinct.has_value() &&
              sqltypes::CompareCells(key, *s.last_distinct,
                                     distinct_types_[i]) == 0) {
            break;
          }
          s.last_distinct = key;
          ++s.count;
          if (a.op == AggregateOp::kSumDistinct) {
            TESSERA_RETURN_IF_ERROR(s.sum.Add(v));
          }
          break;
        }
        case AggregateOp::kCountRows:
          ++s.count;
          break;
        case AggregateOp::kCountValues:
          if (!v.is_null()) ++s.count;
          break;
        case AggregateOp::kAvgValues:
          if (v.is_null()) break;
          TESSERA_RETURN_IF_ERROR(s.sum.Add(v));
          ++s.count;
          break;
        case AggregateOp::kGroupConcat:
          if (v.is_null()) break;
          if (s.has_concat) s.concat += a.separator;
          s.concat += v.bytes();
          s.has_concat = true;
          break;
        case AggregateOp::kBitAnd:
        case AggregateOp::kBitOr:
        case AggregateOp::kBitXor:
          TESSERA_RETURN_IF_ERROR(FoldBits(a.op, v, &s));
          break;
      }
    }
    return absl::OkStatus();
  }

  void Finish(const std::vector<AggState>& states, Row* row) const {
    for (size_t i = 0; i < p_.aggregates.size(); ++i) {
      const AggregateSpec& a = p_.aggregates[i];
      const AggState& s = states[i];
      Value& out = (*row)[a.column];
      switch (a.op) {
        case AggregateOp::kCount:
        case AggregateOp::kCountDistinct:
        case AggregateOp::kCountRows:
        case AggregateOp::kCountValues:
          out = Value::Text(absl::StrCat(s.count));
          break;
        case AggregateOp::kAvgValues:
          out = s.sum.Average(s.count);
          break;
        case AggregateOp::kSum:
        case AggregateOp::kSumDistinct:
          out = s.sum.Sum();
          break;
        case AggregateOp::kAvg:
          out = s.sum.Average(s.count);
          (*row)[a.count_column] = Value::Text(absl::StrCat(s.count));
          break;
        case AggregateOp::kMin:
        case AggregateOp::kMax:
          out = s.best;
          break;
        case AggregateOp::kGroupConcat:
          out = s.has_concat ? Value::Text(s.concat) : Value::Null();
          break;
        case AggregateOp::kBitAnd:
        case AggregateOp::kBitOr:
        case AggregateOp::kBitXor:
          out = Value::Text(
              absl::StrCat(s.has_bits ? s.bits : BitIdentity(a.op)));
          break;
      }
    }
  }

  Row EmptyScalarRow() const {
    Row row(fields_.size());
    for (const AggregateSpec& a : p_.aggregates) {
      if (a.op == AggregateOp::kCount || a.op == AggregateOp::kCountDistinct ||
          a.op == AggregateOp::kCountRows ||
          a.op == AggregateOp::kCountValues) {
        row[a.column] = Value::Text("0");
      } else if (IsBitOp(a.op)) {
        row[a.column] = Value::Text(absl::StrCat(BitIdentity(a.op)));
      }
    }
    return row;
  }

  std::unique_ptr<RowStream> in_;
  AggregateParams p_;
  RowComparator group_cmp_;
  std::vector<Field> fields_;
  std::vector<ColumnType> types_;
  std::vector<ColumnType> distinct_types_;
  Row pending_;
  bool has_pending_ = false;
  bool done_ = false;
  bool emitted_ = false;
};

// MySQL's result column type for each aggregate.
void SetResultTypes(const std::vector<AggregateSpec>& aggs,
                    std::vector<Field>* fields) {
  for (const AggregateSpec& a : aggs) {
    Field& f = (*fields)[a.column];
    const bool is_float = sqltypes::KindOf(f) == Kind::kFloat;
    switch (a.op) {
      case AggregateOp::kCount:
      case AggregateOp::kCountDistinct:
      case AggregateOp::kCountRows:
      case AggregateOp::kCountValues:
        f.type = FieldType::kLongLong;
        f.flags = (f.flags & field_flag::kNotNull) | field_flag::kNum;
        f.charset = sqltypes::kBinaryCollation;
        f.decimals = 0;
        f.column_length = 21;
        break;
      case AggregateOp::kSum:
      case AggregateOp::kSumDistinct:
      case AggregateOp::kAvg:
      case AggregateOp::kAvgValues:
        f.type = is_float ? FieldType::kDouble : FieldType::kNewDecimal;
        f.flags = field_flag::kNum;
        f.charset = sqltypes::kBinaryCollation;
        if ((a.op == AggregateOp::kAvg || a.op == AggregateOp::kAvgValues) &&
            !is_float) {
          f.decimals = static_cast<uint8_t>(
              std::min<int>(f.decimals + sqltypes::kDivPrecisionIncrement,
                            sqltypes::kMaxDecimalScale));
        }
        break;
      default:
        break;
    }
  }
}

const char* OpName(AggregateOp op) {
  static constexpr const char* kNames[] = {
      "count",        "sum",          "min",
      "max",          "avg",          "count_distinct",
      "sum_distinct", "group_concat", "count_rows",
      "count_values", "avg_values",   "bit_and",
      "bit_or",       "bit_xor"};
  return kNames[static_cast<int>(op)];
}

}  // namespace

absl::StatusOr<std::unique_ptr<RowStream>> Aggregate::Open(
    ExecContext& ctx, const BindVars& bind_vars) const {
  TESSERA_ASSIGN_OR_RETURN(std::unique_ptr<RowStream> in,
                           params_.input->Open(ctx, bind_vars));
  // Resolve negative columns and text-only weight columns once.
  AggregateParams resolved = params_;
  for (AggregateSpec& a : resolved.aggregates) {
    TESSERA_ASSIGN_OR_RETURN(a.column,
                             ResolveColumn(a.column, in->fields().size()));
    if (a.op == AggregateOp::kAvg) {
      TESSERA_ASSIGN_OR_RETURN(
          a.count_column, ResolveColumn(a.count_column, in->fields().size()));
    }
    if (a.op == AggregateOp::kCountDistinct ||
        a.op == AggregateOp::kSumDistinct || a.op == AggregateOp::kMin ||
        a.op == AggregateOp::kMax) {
      TESSERA_ASSIGN_OR_RETURN(
          ResolvedKey k, ResolveKey(in->fields(), a.column, a.weight_column));
      a.weight_column = k.is_weight ? k.column : kNoColumn;
    } else {
      a.weight_column = kNoColumn;
    }
  }
  TESSERA_ASSIGN_OR_RETURN(
      RowComparator cmp,
      RowComparator::CreateForEquality(in->fields(), params_.group_by));
  std::vector<Field> fields = in->fields();
  SetResultTypes(resolved.aggregates, &fields);
  return std::unique_ptr<RowStream>(std::make_unique<AggregateStream>(
      std::move(in), std::move(resolved), std::move(cmp), std::move(fields)));
}

std::string Aggregate::Describe() const {
  std::string out =
      params_.group_by.empty() ? "Aggregate scalar" : "Aggregate ordered";
  for (const AggregateSpec& a : params_.aggregates) {
    absl::StrAppend(&out, " ", OpName(a.op), "(", a.column, ")");
  }
  if (!params_.group_by.empty()) {
    absl::StrAppend(&out, " group by ", DescribeKeys(params_.group_by));
  }
  return out;
}

}  // namespace tessera::engine
