#include "lib/topo/etcd_client.h"

#include <fstream>
#include <sstream>

#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/strip.h"
#include "absl/time/clock.h"
#include "lib/base/status_macros.h"

namespace tessera::topo {
namespace {

absl::StatusOr<std::string> ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    return absl::InvalidArgumentError(absl::StrCat("etcd: cannot read ", path));
  }
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

bool Retryable(const grpc::Status& s) {
  return s.error_code() == grpc::StatusCode::UNAVAILABLE ||
         s.error_code() == grpc::StatusCode::DEADLINE_EXCEEDED;
}

bool TokenRejected(const grpc::Status& s) {
  return absl::StrContains(s.error_message(), "invalid auth token");
}

}  // namespace

absl::StatusOr<EtcdOptions> EtcdOptionsFromUrl(const TopoUrl& url) {
  EtcdOptions o;
  o.endpoints = url.endpoints;
  o.root = url.root;
  TESSERA_ASSIGN_OR_RETURN(o.tls, UrlBool(url, "tls", false));
  auto param = [&](const char* name) -> std::string {
    auto it = url.params.find(name);
    return it == url.params.end() ? "" : it->second;
  };
  o.ca_file = param("ca");
  o.cert_file = param("cert");
  o.key_file = param("key");
  if (!o.ca_file.empty() || !o.cert_file.empty()) o.tls = true;
  if (o.cert_file.empty() != o.key_file.empty()) {
    return absl::InvalidArgumentError("etcd url: cert and key go together");
  }
  o.user = param("user");
  o.password = param("password");
  if (std::string f = param("password_file"); !f.empty()) {
    TESSERA_ASSIGN_OR_RETURN(std::string pw, ReadFile(f));
    o.password = std::string(absl::StripTrailingAsciiWhitespace(pw));
  }
  if (std::string t = param("timeout_ms"); !t.empty()) {
    int ms = 0;
    if (!absl::SimpleAtoi(t, &ms) || ms <= 0) {
      return absl::InvalidArgumentError("etcd url: bad timeout_ms");
    }
    o.op_timeout = absl::Milliseconds(ms);
    o.attempt_timeout = std::min(o.attempt_timeout, o.op_timeout);
  }
  for (const auto& [k, v] : url.params) {
    if (k != "tls" && k != "ca" && k != "cert" && k != "key" && k != "user" &&
        k != "password" && k != "password_file" && k != "timeout_ms") {
      return absl::InvalidArgumentError(
          absl::StrCat("etcd url: unknown parameter '", k, "'"));
    }
  }
  return o;
}

namespace internal {

absl::Status FromGrpc(const grpc::Status& s) {
  if (s.ok()) return absl::OkStatus();
  return absl::Status(static_cast<absl::StatusCode>(s.error_code()),
                      absl::StrCat("etcd: ", s.error_message()));
}

absl::StatusOr<std::unique_ptr<EtcdClient>> EtcdClient::Connect(
    const EtcdOptions& options) {
  if (options.endpoints.empty()) {
    return absl::InvalidArgumentError("etcd: no endpoints");
  }
  std::unique_ptr<EtcdClient> c(new EtcdClient(options));
  TESSERA_RETURN_IF_ERROR(c->Init());
  return c;
}

absl::Status EtcdClient::Init() {
  creds_ = grpc::InsecureChannelCredentials();
  if (options_.tls) {
    grpc::SslCredentialsOptions ssl;
    if (!options_.ca_file.empty()) {
      TESSERA_ASSIGN_OR_RETURN(ssl.pem_root_certs, ReadFile(options_.ca_file));
    }
    if (!options_.cert_file.empty()) {
      TESSERA_ASSIGN_OR_RETURN(ssl.pem_cert_chain,
                               ReadFile(options_.cert_file));
      TESSERA_ASSIGN_OR_RETURN(ssl.pem_private_key,
                               ReadFile(options_.key_file));
    }
    creds_ = grpc::SslCredentials(ssl);
  }
  absl::MutexLock l(&mu_);
  for (size_t i = 0; i < options_.endpoints.size(); ++i) {
    endpoints_.push_back(NewEndpoint(i));
  }
  tokens_.resize(endpoints_.size());
  return absl::OkStatus();
}

std::shared_ptr<EtcdEndpoint> EtcdClient::NewEndpoint(size_t index) const {
  grpc::ChannelArguments args;
  args.SetInt(GRPC_ARG_INITIAL_RECONNECT_BACKOFF_MS, 100);
  args.SetInt(GRPC_ARG_MIN_RECONNECT_BACKOFF_MS, 1000);
  args.SetInt(GRPC_ARG_MAX_RECONNECT_BACKOFF_MS, 1000);
  // Our own subchannels, so a replaced channel really reconnects.
  args.SetInt(GRPC_ARG_USE_LOCAL_SUBCHANNEL_POOL, 1);
  auto ep = std::make_shared<EtcdEndpoint>();
  ep->index = index;
  ep->address = options_.endpoints[index];
  ep->channel = grpc::CreateCustomChannel(ep->address, creds_, args);
  ep->kv = etcdserverpb::KV::NewStub(ep->channel);
  ep->watch = etcdserverpb::Watch::NewStub(ep->channel);
  ep->lease = etcdserverpb::Lease::NewStub(ep->channel);
  ep->auth = etcdserverpb::Auth::NewStub(ep->channel);
  return ep;
}

std::shared_ptr<EtcdEndpoint> EtcdClient::Current() {
  absl::MutexLock l(&mu_);
  return endpoints_[current_];
}

absl::Status EtcdClient::Authenticate(EtcdEndpoint& ep, std::string* token) {
  etcdserverpb::AuthenticateRequest req;
  req.set_name(options_.user);
  req.set_password(options_.password);
  etcdserverpb::AuthenticateResponse resp;
  grpc::ClientContext ctx;
  ctx.set_deadline(absl::ToChronoTime(absl::Now() + options_.attempt_timeout));
  grpc::Status s = ep.auth->Authenticate(&ctx, req, &resp);
  if (!s.ok()) {
    if (Retryable(s)) return FromGrpc(s);
    return absl::PermissionDeniedError(
        absl::StrCat("etcd: authentication as '", options_.user,
                     "' failed: ", s.error_message()));
  }
  *token = resp.token();
  return absl::OkStatus();
}

absl::Status EtcdClient::Prepare(EtcdEndpoint& ep, grpc::ClientContext* ctx,
                                 absl::Time deadline) {
  if (deadline != absl::InfiniteFuture()) {
    ctx->set_deadline(absl::ToChronoTime(deadline));
  }
  if (options_.user.empty()) return absl::OkStatus();
  std::string token;
  {
    absl::MutexLock l(&mu_);
    token = tokens_[ep.index];
  }
  if (token.empty()) {
    TESSERA_RETURN_IF_ERROR(Authenticate(ep, &token));
    absl::MutexLock l(&mu_);
    tokens_[ep.index] = token;
  }
  ctx->AddMetadata("token", token);
  return absl::OkStatus();
}

absl::Status EtcdClient::Unary(UnaryFn fn, bool* resent) {
  if (resent != nullptr) *resent = false;
  absl::Time op_deadline = absl::Now() + options_.op_timeout;
  absl::Status last = absl::UnavailableError("etcd: no attempt made");
  bool renewed = false;
  for (int attempt = 0; absl::Now() < op_deadline; ++attempt) {
    std::shared_ptr<EtcdEndpoint> ep = Current();
    grpc::ClientContext ctx;
    absl::Time deadline =
        std::min(op_deadline, absl::Now() + options_.attempt_timeout);
    absl::Status prep = Prepare(*ep, &ctx, deadline);
    grpc::Status s;
    if (!prep.ok()) {
      if (prep.code() != absl::StatusCode::kUnavailable &&
          prep.code() != absl::StatusCode::kDeadlineExceeded) {
        return prep;
      }
      s = grpc::Status(grpc::StatusCode::UNAVAILABLE,
                       std::string(prep.message()));
    } else {
      s = fn(*ep, &ctx);
    }
    if (s.ok()) return absl::OkStatus();
    last = FromGrpc(s);
    // A rejected token (expired, or issued by another member) is renewed
    // once per call; anything else that is not transient is final.
    bool renew = TokenRejected(s) && !options_.user.empty() && !renewed;
    if (!Retryable(s) && !renew) return last;
    renewed = renewed || renew;
    if (resent != nullptr && prep.ok()) *resent = true;
    ReportFailure(*ep, s);
    // After trying every endpoint once, pause a little before the next lap.
    if ((attempt + 1) % options_.endpoints.size() == 0) {
      absl::SleepFor(
          std::min(absl::Milliseconds(200), op_deadline - absl::Now()));
    }
  }
  return absl::UnavailableError(
      absl::StrCat("etcd: unreachable (", options_.endpoints.size(),
                   " endpoints tried): ", last.message()));
}

absl::StatusOr<std::shared_ptr<EtcdEndpoint>> EtcdClient::PrepareStream(
    grpc::ClientContext* ctx) {
  std::shared_ptr<EtcdEndpoint> ep = Current();
  absl::Status s = Prepare(*ep, ctx, absl::InfiniteFuture());
  if (!s.ok()) {
    ReportFailure(*ep, grpc::Status(grpc::StatusCode::UNAVAILABLE, ""));
    return s;
  }
  return ep;
}

void EtcdClient::ReportFailure(const EtcdEndpoint& ep, const grpc::Status& s) {
  absl::MutexLock l(&mu_);
  if (TokenRejected(s)) {
    tokens_[ep.index].clear();
    return;
  }
  if (!Retryable(s)) return;
  // Replace the channel once per failure of the channel in use.
  if (endpoints_[ep.index].get() == &ep) {
    endpoints_[ep.index] = NewEndpoint(ep.index);
    tokens_[ep.index].clear();
  }
  if (current_ == ep.index) current_ = (current_ + 1) % endpoints_.size();
}

}  // namespace internal
}  // namespace tessera::topo
