// Handshake, TLS upgrade, authentication and session creation.

// GCC 12 at -O2 takes asio's awaitable frame operator delete for a mismatch
// with its operator new once Login()'s callees are inlined (a false
// positive of GCC 12 with coroutine frames).
#if defined(__GNUC__) && !defined(__clang__) && __GNUC__ < 13
#pragma GCC diagnostic ignored "-Wmismatched-new-delete"
#endif
#include "absl/strings/str_cat.h"
#include "lib/base/mysql_error.h"
#include "lib/mysql/connection.h"
#include "lib/mysql/constants.h"
#include "lib/mysql/scramble.h"

namespace tessera::mysql {
namespace {

uint32_t ServerCapabilities(const ServerContext& server) {
  uint32_t caps = cap::kLongPassword | cap::kLongFlag | cap::kConnectWithDb |
                  cap::kIgnoreSpace | cap::kProtocol41 | cap::kInteractive |
                  cap::kIgnoreSigpipe | cap::kTransactions | cap::kReserved |
                  cap::kSecureConnection | cap::kMultiStatements |
                  cap::kMultiResults | cap::kPsMultiResults | cap::kPluginAuth |
                  cap::kConnectAttrs | cap::kPluginAuthLenencData |
                  cap::kSessionTrack | cap::kDeprecateEof;
  if (server.options.allow_compression) caps |= cap::kCompress;
  if (server.options.allow_local_infile) caps |= cap::kLocalFiles;
  if (server.tls) caps |= cap::kSsl;
  return caps;
}

}  // namespace

absl::Status Connection::AccessDenied(absl::string_view user,
                                      bool with_password) const {
  return MysqlError(
      er::kAccessDenied, "28000",
      absl::StrCat("Access denied for user '", user, "'@'", client_address_,
                   "' (using password: ", with_password ? "YES" : "NO", ")"));
}

asio::awaitable<absl::Status> Connection::Login() {
  absl::Status source = server_->authenticator->CheckSource(client_address_);
  if (!source.ok()) {
    co_await SendError(source);
    co_return source;
  }
  nonce_ = NewNonce();
  Handshake h;
  h.server_version = server_->options.server_version;
  h.connection_id = id_;
  h.nonce = nonce_;
  h.capabilities = ServerCapabilities(*server_);
  h.charset = kUtf8mb4GeneralCi;
  h.status_flags = status_flags_;
  h.auth_plugin = kNativePassword;
  io_.Queue(EncodeHandshake(h));
  if (!co_await Flush()) co_return absl::UnavailableError("client gone");

  auto packet = co_await io_.Read();
  if (packet.ok() && IsSslRequest(*packet)) {
    if (!server_->tls) {
      absl::Status s = MysqlError(er::kHandshakeError, "08S01",
                                  "TLS is not configured on this server");
      co_await SendError(s);
      co_return s;
    }
    absl::Status s = co_await io_.StartTls(*server_->tls);
    if (!s.ok()) co_return s;
    packet = co_await io_.Read();
  }
  if (!packet.ok()) {
    if (!io_.broken()) co_await SendError(packet.status());
    co_return packet.status();
  }
  if (!io_.secure() && server_->options.tls.require_secure_transport) {
    absl::Status s =
        MysqlError(er::kSecureTransportRequired, "HY000",
                   "Connections using insecure transport are prohibited while "
                   "--require_secure_transport=ON.");
    co_await SendError(s);
    co_return s;
  }
  auto response = DecodeHandshakeResponse(*packet);
  if (!response.ok()) {
    co_await SendError(response.status());
    co_return response.status();
  }
  capabilities_ = response->capabilities & ServerCapabilities(*server_);
  user_ = response->user;
  auto creds = server_->authenticator->Lookup(user_, client_address_);
  absl::Status auth = AccessDenied(user_, !response->auth_response.empty());
  if (creds.ok()) auth = co_await Authenticate(*response, nonce_, *creds);
  server_->authenticator->RecordLogin(client_address_, auth.ok());
  if (!auth.ok()) {
    ++server_->login_failures;
    if (!io_.broken()) co_await SendError(auth);
    co_return auth;
  }
  absl::Status opened = co_await OpenSession(*response, *creds);
  if (!opened.ok()) {
    co_await SendError(opened);
    co_return opened;
  }
  OkInfo ok;
  ok.status_flags = status_flags_;
  io_.Queue(EncodeOk(ok));
  if (!co_await Flush()) co_return absl::UnavailableError("client gone");
  if (capabilities_ & cap::kCompress) io_.EnableCompression();
  co_return absl::OkStatus();
}

asio::awaitable<absl::Status> Connection::Authenticate(
    const HandshakeResponse& response, const std::string& nonce,
    UserCredentials& creds) {
  // The certificate subject is checked before any password (for the
  // handshake and COM_CHANGE_USER alike).
  if (creds.required_x509_subject.has_value() &&
      io_.PeerSubject() != creds.required_x509_subject) {
    co_return AccessDenied(response.user, !response.auth_response.empty());
  }
  if (creds.certificate_only && creds.required_x509_subject.has_value()) {
    co_return co_await AuthenticateCertificateOnly(response);
  }
  std::string data = response.auth_response;
  std::string plugin =
      response.auth_plugin.empty() ? kNativePassword : response.auth_plugin;
  std::string used_nonce = nonce;
  bool native = creds.native_stage2.has_value();
  // A client whose default plugin differs from the handshake's may send an
  // empty answer and wait for a switch; caching_sha2 then needs one too.
  bool usable = (plugin == kNativePassword && native) ||
                (plugin == kCachingSha2Password && creds.sha2 && !data.empty());
  if (!usable) {
    // Ask the client to switch to a plugin this user has a hash for.
    if (!native && !creds.sha2) co_return AccessDenied(response.user, true);
    if (!(capabilities_ & cap::kPluginAuth)) {
      co_return AccessDenied(response.user, !data.empty());
    }
    if (!(plugin == kCachingSha2Password && creds.sha2)) {
      plugin = native ? kNativePassword : kCachingSha2Password;
    }
    used_nonce = NewNonce();
    io_.Queue(EncodeAuthSwitch(plugin, used_nonce));
    if (!co_await Flush()) co_return absl::UnavailableError("client gone");
    auto answer = co_await io_.Read();
    if (!answer.ok()) co_return answer.status();
    data = *answer;
  }
  if (plugin == kNativePassword) {
    // Some clients append a NUL to an empty answer.
    if (data.size() == 1 && data[0] == '\0') data.clear();
    if (VerifyNativeScramble(used_nonce, data, *creds.native_stage2)) {
      co_return absl::OkStatus();
    }
    co_return AccessDenied(response.user, !data.empty());
  }
  co_return co_await AuthenticateSha2(data, used_nonce, creds);
}

asio::awaitable<absl::Status> Connection::AuthenticateCertificateOnly(
    const HandshakeResponse& response) {
  // No password: the verified certificate is the credential and the
  // password must be empty. mysql_native_password answers an empty one
  // with empty data; a client that started with another plugin (which may
  // wait for its own challenge) is switched to mysql_native_password.
  std::string data = response.auth_response;
  const bool native =
      response.auth_plugin.empty() || response.auth_plugin == kNativePassword;
  if (!native && (capabilities_ & cap::kPluginAuth)) {
    io_.Queue(EncodeAuthSwitch(kNativePassword, NewNonce()));
    if (!co_await Flush()) co_return absl::UnavailableError("client gone");
    auto answer = co_await io_.Read();
    if (!answer.ok()) co_return answer.status();
    data = *answer;
  }
  if (data.size() == 1 && data[0] == '\0') data.clear();
  if (data.empty()) co_return absl::OkStatus();
  co_return AccessDenied(response.user, true);
}

asio::awaitable<absl::Status> Connection::AuthenticateSha2(
    absl::string_view response, const std::string& nonce,
    const UserCredentials& creds) {
  if (response.empty() || (response.size() == 1 && response[0] == '\0')) {
    co_return AccessDenied(creds.user, false);
  }
  if (creds.sha2_cached_stage2.has_value()) {
    if (!VerifySha2Scramble(nonce, response, *creds.sha2_cached_stage2)) {
      co_return AccessDenied(creds.user, true);
    }
    io_.Queue(EncodeAuthMoreData("\x03"));  // fast auth success
    co_return absl::OkStatus();
  }
  io_.Queue(EncodeAuthMoreData("\x04"));  // perform full authentication
  if (!co_await Flush()) co_return absl::UnavailableError("client gone");
  auto answer = co_await io_.Read();
  if (!answer.ok()) co_return answer.status();
  std::string password;
  if (io_.secure()) {
    password = *answer;  // the password in clear, over TLS
  } else {
    auto decrypted = co_await RsaExchange(*answer, nonce, creds);
    if (!decrypted.ok()) co_return decrypted.status();
    password = std::move(*decrypted);
  }
  if (!password.empty() && password.back() == '\0') password.pop_back();
  Authenticator* auth = server_->authenticator;
  std::string user = creds.user;
  auto job = RunOnWorker(server_->workers, [auth, user, password] {
    return auth->VerifyPassword(user, password);
  });
  bool ok = co_await std::move(job);
  if (!ok) co_return AccessDenied(creds.user, true);
  co_return absl::OkStatus();
}

asio::awaitable<absl::StatusOr<std::string>> Connection::RsaExchange(
    const std::string& first_answer, const std::string& nonce,
    const UserCredentials& creds) {
  std::string answer = first_answer;
  if (server_->rsa == nullptr) {
    co_return MysqlError(
        er::kAccessDenied, "28000",
        absl::StrCat("Access denied for user '", creds.user, "'@'",
                     client_address_,
                     "': caching_sha2_password full authentication needs TLS "
                     "(RSA key exchange is turned off)"));
  }
  // Key generation (first use) and the private-key operation are slow:
  // both run on a worker.
  RsaKeySource* source = server_->rsa.get();
  auto key_job =
      RunOnWorker(server_->workers, [source] { return source->Get(); });
  absl::StatusOr<const RsaKeyPair*> key = co_await std::move(key_job);
  if (!key.ok()) {
    co_return MysqlError(er::kHandshakeError, "08S01",
                         absl::StrCat("RSA key: ", key.status().message()));
  }
  if (answer == "\x02") {  // the client asks for the public key
    io_.Queue(EncodeAuthMoreData((*key)->public_pem()));
    if (!co_await Flush()) co_return absl::UnavailableError("client gone");
    auto encrypted = co_await io_.Read();
    if (!encrypted.ok()) co_return encrypted.status();
    answer = std::move(*encrypted);
  }
  const RsaKeyPair* pair = *key;
  auto decrypt_job = RunOnWorker(
      server_->workers, [pair, answer] { return pair->Decrypt(answer); });
  absl::StatusOr<std::string> plain = co_await std::move(decrypt_job);
  // Not a ciphertext for this key (e.g. the client has another server's
  // public key): the same refusal as a wrong password.
  if (!plain.ok()) co_return AccessDenied(creds.user, true);
  co_return XorWithScramble(*plain, nonce);
}

asio::awaitable<absl::Status> Connection::OpenSession(
    const HandshakeResponse& response, const UserCredentials& creds) {
  SessionContext context;
  context.connection_id = id_;
  context.user = response.user;
  context.client_address = client_address_;
  context.database = response.database;
  context.secure_transport = io_.secure();
  context.allowed_keyspaces = creds.allowed_keyspaces;
  context.attributes = response.attributes;
  context.session_tracking = (capabilities_ & cap::kSessionTrack) != 0;
  SessionFactory* factory = server_->factory;
  auto job = RunOnWorker(server_->workers, [factory, context] {
    return factory->Create(context);
  });
  auto session = co_await std::move(job);
  if (!session.ok()) co_return session.status();
  if (PacketRelay* relay = (*session)->relay()) {
    RelayOpen open;
    open.executor = executor_;
    open.capabilities = capabilities_;
    open.charset = response.charset;
    open.max_prepared_statements = server_->options.max_prepared_statements;
    absl::Status opened = co_await relay->Open(open);
    if (!opened.ok()) co_return opened;
  }
  SetSession(std::move(*session), response.user, response.database);
  user_ = response.user;
  admin_ = creds.admin;
  database_ = response.database;
  attributes_ = response.attributes;
  co_return absl::OkStatus();
}

}  // namespace tessera::mysql
