// Streams of rows: what every operator and every shard produces.
//
// A RowStream yields its fields first (available as soon as the stream
// exists) and then rows one at a time. Streams are single-consumer and not
// thread-safe. After Next() returns false or an error, the stream is done.
#ifndef TESSERA_LIB_ENGINE_ROW_STREAM_H_
#define TESSERA_LIB_ENGINE_ROW_STREAM_H_

#include <cstdint>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/statusor.h"
#include "tessera/result.h"

namespace tessera::engine {

// One warning a shard reported (a row of its SHOW WARNINGS).
struct ShardWarning {
  std::string level;
  uint16_t code = 0;
  std::string message;
};

class RowStream {
 public:
  virtual ~RowStream() = default;

  virtual const std::vector<Field>& fields() const = 0;
  // Stores the next row in *row and returns true, or returns false at the
  // end. Errors carry a MySQL errno (lib/base/mysql_error.h).
  virtual absl::StatusOr<bool> Next(Row* row) = 0;

  // Statement outcome for DML, meaningful once Next() returned false.
  virtual uint64_t affected_rows() const { return 0; }
  virtual uint64_t last_insert_id() const { return 0; }
  virtual uint16_t warnings() const { return 0; }
  // Appends the text of a shard statement's warnings (SHOW WARNINGS on its
  // connection, fetched once the answer is fully read); streams that are
  // not a shard's answer add nothing.
  virtual void TakeShardWarnings(std::vector<ShardWarning>* out) { (void)out; }
};

// Rows held in memory (a buffered shard result, a test fixture).
class VectorStream : public RowStream {
 public:
  VectorStream(std::vector<Field> fields, std::vector<Row> rows,
               uint64_t affected_rows = 0, uint64_t last_insert_id = 0)
      : fields_(std::move(fields)),
        rows_(std::move(rows)),
        affected_rows_(affected_rows),
        last_insert_id_(last_insert_id) {}
  explicit VectorStream(Result result)
      : VectorStream(std::move(result.fields), std::move(result.rows),
                     result.affected_rows, result.last_insert_id) {}

  const std::vector<Field>& fields() const override { return fields_; }
  absl::StatusOr<bool> Next(Row* row) override {
    if (next_ >= rows_.size()) return false;
    *row = std::move(rows_[next_++]);
    return true;
  }
  uint64_t affected_rows() const override { return affected_rows_; }
  uint64_t last_insert_id() const override { return last_insert_id_; }

 private:
  std::vector<Field> fields_;
  std::vector<Row> rows_;
  size_t next_ = 0;
  uint64_t affected_rows_;
  uint64_t last_insert_id_;
};

// The rows of several streams one after another (fields of the first);
// affected rows add up and the last nonzero insert id wins.
std::unique_ptr<RowStream> Concat(
    std::vector<std::unique_ptr<RowStream>> inputs);

// Approximate bytes a row holds in memory, for limits.
size_t RowBytes(const Row& row);

}  // namespace tessera::engine

#endif  // TESSERA_LIB_ENGINE_ROW_STREAM_H_
