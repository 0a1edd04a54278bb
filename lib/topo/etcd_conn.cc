#include "lib/topo/etcd_conn.h"

#include <utility>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "lib/base/status_macros.h"

namespace tessera::topo {

using etcdserverpb::Compare;

namespace {

// The key read by a transaction's failure branch, or null if it is absent.
const etcdserverpb::KeyValue* FailedRange(const etcdserverpb::TxnResponse& r) {
  if (r.responses_size() == 0) return nullptr;
  const auto& range = r.responses(0).response_range();
  return range.kvs_size() == 0 ? nullptr : &range.kvs(0);
}

}  // namespace

std::string EtcdPrefixEnd(absl::string_view prefix) {
  std::string end(prefix);
  while (!end.empty()) {
    if (static_cast<unsigned char>(end.back()) < 0xff) {
      end.back() = static_cast<char>(end.back() + 1);
      return end;
    }
    end.pop_back();
  }
  return std::string(1, '\0');  // every key
}

EtcdConn::EtcdConn(std::unique_ptr<internal::EtcdClient> client)
    : client_(std::move(client)) {
  if (!client_->options().root.empty()) {
    prefix_ = absl::StrCat(client_->options().root, "/");
  }
}

absl::StatusOr<std::unique_ptr<EtcdConn>> EtcdConn::Connect(
    const EtcdOptions& options) {
  TESSERA_ASSIGN_OR_RETURN(auto client, internal::EtcdClient::Connect(options));
  return std::unique_ptr<EtcdConn>(new EtcdConn(std::move(client)));
}

std::string EtcdConn::FullKey(absl::string_view key) const {
  return absl::StrCat(prefix_, key);
}

std::string EtcdConn::StripRoot(absl::string_view full) const {
  return std::string(full.substr(std::min(prefix_.size(), full.size())));
}

absl::StatusOr<etcdserverpb::KeyValue> EtcdConn::RawGet(
    const std::string& full_key) {
  etcdserverpb::RangeRequest req;
  req.set_key(full_key);
  etcdserverpb::RangeResponse resp;
  TESSERA_RETURN_IF_ERROR(
      client_->Unary([&](internal::EtcdEndpoint& ep, grpc::ClientContext* ctx) {
        return ep.kv->Range(ctx, req, &resp);
      }));
  if (resp.kvs_size() == 0) {
    return absl::NotFoundError(
        absl::StrCat("topo: no key ", StripRoot(full_key)));
  }
  return resp.kvs(0);
}

absl::StatusOr<KeyValue> EtcdConn::Get(absl::string_view key) {
  TESSERA_RETURN_IF_ERROR(ValidateKey(key));
  TESSERA_ASSIGN_OR_RETURN(etcdserverpb::KeyValue kv, RawGet(FullKey(key)));
  return KeyValue{std::string(key), kv.value(), kv.mod_revision()};
}

absl::StatusOr<Version> EtcdConn::Create(absl::string_view key,
                                         absl::string_view value) {
  TESSERA_RETURN_IF_ERROR(ValidateKey(key));
  etcdserverpb::TxnRequest req;
  Compare* cmp = req.add_compare();
  cmp->set_key(FullKey(key));
  cmp->set_target(Compare::CREATE);
  cmp->set_result(Compare::EQUAL);
  cmp->set_create_revision(0);
  auto* put = req.add_success()->mutable_request_put();
  put->set_key(FullKey(key));
  put->set_value(std::string(value));
  etcdserverpb::TxnResponse resp;
  bool resent = false;
  TESSERA_RETURN_IF_ERROR(Txn(key, req, &resp, &resent));
  if (!resp.succeeded()) {
    // A resent create may find its own first attempt: same value, never
    // updated since (etcd's per-key version 1).
    const etcdserverpb::KeyValue* cur = FailedRange(resp);
    if (resent && cur != nullptr && cur->version() == 1 &&
        cur->value() == value) {
      return cur->mod_revision();
    }
    return absl::AlreadyExistsError(absl::StrCat("topo: ", key));
  }
  return resp.header().revision();
}

absl::StatusOr<Version> EtcdConn::Update(absl::string_view key,
                                         absl::string_view value,
                                         Version expected) {
  TESSERA_RETURN_IF_ERROR(ValidateKey(key));
  etcdserverpb::TxnRequest req;
  if (expected != kAnyVersion) {
    Compare* cmp = req.add_compare();
    cmp->set_key(FullKey(key));
    cmp->set_target(Compare::MOD);
    cmp->set_result(Compare::EQUAL);
    cmp->set_mod_revision(expected);
  }
  auto* put = req.add_success()->mutable_request_put();
  put->set_key(FullKey(key));
  put->set_value(std::string(value));
  etcdserverpb::TxnResponse resp;
  bool resent = false;
  TESSERA_RETURN_IF_ERROR(Txn(key, req, &resp, &resent));
  if (!resp.succeeded()) {
    const etcdserverpb::KeyValue* cur = FailedRange(resp);
    if (cur == nullptr) {
      return absl::NotFoundError(absl::StrCat("topo: no key ", key));
    }
    // A resent update may find its own first attempt applied.
    if (resent && cur->value() == value) return cur->mod_revision();
    return absl::AbortedError(absl::StrCat("topo: version mismatch on ", key,
                                           ": have ", cur->mod_revision(),
                                           ", expected ", expected));
  }
  return resp.header().revision();
}

absl::Status EtcdConn::Delete(absl::string_view key, Version expected) {
  TESSERA_RETURN_IF_ERROR(ValidateKey(key));
  etcdserverpb::TxnRequest req;
  Compare* cmp = req.add_compare();
  cmp->set_key(FullKey(key));
  if (expected != kAnyVersion) {
    cmp->set_target(Compare::MOD);
    cmp->set_result(Compare::EQUAL);
    cmp->set_mod_revision(expected);
  } else {  // the key must exist
    cmp->set_target(Compare::CREATE);
    cmp->set_result(Compare::GREATER);
    cmp->set_create_revision(0);
  }
  req.add_success()->mutable_request_delete_range()->set_key(FullKey(key));
  etcdserverpb::TxnResponse resp;
  bool resent = false;
  TESSERA_RETURN_IF_ERROR(Txn(key, req, &resp, &resent));
  if (!resp.succeeded()) {
    const etcdserverpb::KeyValue* cur = FailedRange(resp);
    if (cur == nullptr) {
      // Gone: deleted by our own first attempt, if one was resent.
      if (resent) return absl::OkStatus();
      return absl::NotFoundError(absl::StrCat("topo: no key ", key));
    }
    return absl::AbortedError(absl::StrCat("topo: version mismatch on ", key,
                                           ": have ", cur->mod_revision(),
                                           ", expected ", expected));
  }
  return absl::OkStatus();
}

absl::Status EtcdConn::Txn(absl::string_view key, etcdserverpb::TxnRequest& req,
                           etcdserverpb::TxnResponse* resp, bool* resent) {
  // On failure, read the key in the same transaction to explain why.
  req.add_failure()->mutable_request_range()->set_key(FullKey(key));
  return client_->Unary(
      [&](internal::EtcdEndpoint& ep, grpc::ClientContext* ctx) {
        return ep.kv->Txn(ctx, req, resp);
      },
      resent);
}

absl::StatusOr<std::vector<KeyValue>> EtcdConn::List(absl::string_view prefix) {
  etcdserverpb::RangeRequest req;
  std::string start = FullKey(prefix);
  req.set_key(start.empty() ? std::string(1, '\0') : start);
  req.set_range_end(EtcdPrefixEnd(start));
  etcdserverpb::RangeResponse resp;
  TESSERA_RETURN_IF_ERROR(
      client_->Unary([&](internal::EtcdEndpoint& ep, grpc::ClientContext* ctx) {
        return ep.kv->Range(ctx, req, &resp);
      }));
  std::vector<KeyValue> out;
  out.reserve(resp.kvs_size());
  for (const etcdserverpb::KeyValue& kv : resp.kvs()) {
    out.push_back(KeyValue{StripRoot(kv.key()), kv.value(), kv.mod_revision()});
  }
  return out;
}

absl::StatusOr<Version> EtcdConn::Revision() {
  etcdserverpb::RangeRequest req;
  req.set_key(FullKey("\x01rev"));  // any key: the header has the revision
  req.set_count_only(true);
  etcdserverpb::RangeResponse resp;
  TESSERA_RETURN_IF_ERROR(
      client_->Unary([&](internal::EtcdEndpoint& ep, grpc::ClientContext* ctx) {
        return ep.kv->Range(ctx, req, &resp);
      }));
  return resp.header().revision();
}

absl::StatusOr<std::string> EtcdConn::LockOwner(absl::string_view path) {
  TESSERA_RETURN_IF_ERROR(ValidateKey(path));
  absl::StatusOr<etcdserverpb::KeyValue> kv = RawGet(FullKey(path));
  if (absl::IsNotFound(kv.status())) {
    return absl::NotFoundError(absl::StrCat("topo: lock ", path, " is free"));
  }
  TESSERA_RETURN_IF_ERROR(kv.status());
  return kv->value();
}

}  // namespace tessera::topo
