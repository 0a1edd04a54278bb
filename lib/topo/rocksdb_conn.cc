#include "lib/topo/rocksdb_conn.h"

#include <filesystem>
#include <system_error>

#include "absl/base/internal/endian.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "lib/base/status_macros.h"
#include "rocksdb/db.h"
#include "rocksdb/write_batch.h"

namespace tessera::topo {
namespace {

constexpr char kDataPrefix[] = "k/";
constexpr char kRevisionKey[] = "m/revision";

absl::Status FromRocks(const rocksdb::Status& s, absl::string_view what) {
  if (s.ok()) return absl::OkStatus();
  return absl::InternalError(
      absl::StrCat("topo rocksdb: ", what, ": ", s.ToString()));
}

std::string EncodeVersion(Version v) {
  std::string out(8, '\0');
  absl::big_endian::Store64(out.data(), static_cast<uint64_t>(v));
  return out;
}

absl::StatusOr<Version> DecodeVersion(absl::string_view s) {
  if (s.size() < 8) return absl::DataLossError("topo rocksdb: short record");
  return static_cast<Version>(absl::big_endian::Load64(s.data()));
}

class RocksdbStore : public internal::LocalStore {
 public:
  RocksdbStore(std::unique_ptr<rocksdb::DB> db, bool sync)
      : db_(std::move(db)) {
    write_options_.sync = sync;
  }

  absl::StatusOr<Version> LoadRevision() override {
    std::string v;
    rocksdb::Status s = db_->Get(rocksdb::ReadOptions(), kRevisionKey, &v);
    if (s.IsNotFound()) return 0;
    TESSERA_RETURN_IF_ERROR(FromRocks(s, "read revision"));
    return DecodeVersion(v);
  }

  absl::StatusOr<std::optional<KeyValue>> Read(absl::string_view key) override {
    std::string raw;
    rocksdb::Status s =
        db_->Get(rocksdb::ReadOptions(), absl::StrCat(kDataPrefix, key), &raw);
    if (s.IsNotFound()) return std::optional<KeyValue>();
    TESSERA_RETURN_IF_ERROR(FromRocks(s, "get"));
    TESSERA_ASSIGN_OR_RETURN(KeyValue kv, Decode(key, raw));
    return std::optional<KeyValue>(std::move(kv));
  }

  absl::Status Apply(absl::string_view key, const std::string* value,
                     Version revision) override {
    rocksdb::WriteBatch batch;
    std::string k = absl::StrCat(kDataPrefix, key);
    if (value == nullptr) {
      batch.Delete(k);
    } else {
      batch.Put(k, absl::StrCat(EncodeVersion(revision), *value));
    }
    batch.Put(kRevisionKey, EncodeVersion(revision));
    return FromRocks(db_->Write(write_options_, &batch), "write");
  }

  absl::StatusOr<std::vector<KeyValue>> Scan(
      absl::string_view prefix) override {
    std::vector<KeyValue> out;
    std::string start = absl::StrCat(kDataPrefix, prefix);
    std::unique_ptr<rocksdb::Iterator> it(
        db_->NewIterator(rocksdb::ReadOptions()));
    for (it->Seek(start); it->Valid(); it->Next()) {
      absl::string_view k(it->key().data(), it->key().size());
      if (!absl::StartsWith(k, start)) break;
      TESSERA_ASSIGN_OR_RETURN(
          KeyValue kv,
          Decode(k.substr(sizeof(kDataPrefix) - 1),
                 absl::string_view(it->value().data(), it->value().size())));
      out.push_back(std::move(kv));
    }
    TESSERA_RETURN_IF_ERROR(FromRocks(it->status(), "scan"));
    return out;
  }

 private:
  static absl::StatusOr<KeyValue> Decode(absl::string_view key,
                                         absl::string_view raw) {
    KeyValue kv;
    kv.key = std::string(key);
    TESSERA_ASSIGN_OR_RETURN(kv.version, DecodeVersion(raw));
    kv.value = std::string(raw.substr(8));
    return kv;
  }

  std::unique_ptr<rocksdb::DB> db_;
  rocksdb::WriteOptions write_options_;
};

}  // namespace

absl::StatusOr<std::unique_ptr<LocalConn>> OpenRocksdb(
    const std::string& path, const RocksdbOptions& options) {
  if (path.empty()) return absl::InvalidArgumentError("topo: empty path");
  std::error_code ec;
  std::filesystem::create_directories(path, ec);
  if (ec) {
    return absl::FailedPreconditionError(
        absl::StrCat("topo rocksdb: cannot create ", path, ": ", ec.message()));
  }
  rocksdb::Options opts;
  opts.create_if_missing = true;
  opts.max_open_files = 64;
  opts.keep_log_file_num = 2;
  rocksdb::DB* raw = nullptr;
  rocksdb::Status s = rocksdb::DB::Open(opts, path, &raw);
  if (!s.ok()) {
    std::string msg = s.ToString();
    if (s.IsIOError() &&
        (absl::StrContains(msg, "lock") || absl::StrContains(msg, "LOCK"))) {
      return absl::FailedPreconditionError(absl::StrCat(
          "topo rocksdb: ", path,
          " is in use by another process (RocksDB LOCK held); stop it or "
          "use etcd:// to share a topology: ",
          msg));
    }
    return absl::UnavailableError(
        absl::StrCat("topo rocksdb: cannot open ", path, ": ", msg));
  }
  auto store = std::make_unique<RocksdbStore>(std::unique_ptr<rocksdb::DB>(raw),
                                              options.sync);
  return LocalConn::Open(std::move(store), options.history_limit);
}

}  // namespace tessera::topo
