// tessera_options_t: tessera::RouterOptions for C callers.
#include <string>

#include "lib/capi/internal.h"

using tessera::capi::CStr;

extern "C" {

tessera_options_t* tessera_options_create(void) noexcept {
  return new tessera_options_t;
}

void tessera_options_destroy(tessera_options_t* options) noexcept {
  delete options;
}

void tessera_options_set_topo_url(tessera_options_t* options, const char* url,
                                  size_t url_len) noexcept {
  options->rep.topo_url = CStr(url, url_len);
}

void tessera_options_set_cell(tessera_options_t* options, const char* cell,
                              size_t cell_len) noexcept {
  options->rep.cell = CStr(cell, cell_len);
}

void tessera_options_set_vschema_json(tessera_options_t* options,
                                      const char* json,
                                      size_t json_len) noexcept {
  options->rep.vschema_json = CStr(json, json_len);
}

void tessera_options_add_shard(tessera_options_t* options, const char* keyspace,
                               size_t keyspace_len, const char* shard,
                               size_t shard_len, const char* host,
                               size_t host_len, int port,
                               const char* tablet_type,
                               size_t tablet_type_len) noexcept {
  tessera::ShardAddress a;
  a.keyspace = CStr(keyspace, keyspace_len);
  a.shard = CStr(shard, shard_len);
  a.host = CStr(host, host_len);
  a.port = port;
  if (tablet_type != nullptr)
    a.tablet_type = CStr(tablet_type, tablet_type_len);
  options->rep.shards.push_back(std::move(a));
}

void tessera_options_set_credentials(tessera_options_t* options,
                                     const char* user, size_t user_len,
                                     const char* password,
                                     size_t password_len) noexcept {
  options->rep.user = CStr(user, user_len);
  options->rep.password = CStr(password, password_len);
}

void tessera_options_set_tls(tessera_options_t* options, unsigned char enabled,
                             const char* ca_file, size_t ca_len,
                             const char* cert_file, size_t cert_len,
                             const char* key_file, size_t key_len,
                             unsigned char verify_server_certificate) noexcept {
  tessera::BackendTlsOptions& tls = options->rep.tls;
  tls.enabled = enabled != 0;
  tls.ca_file = CStr(ca_file, ca_len);
  tls.cert_file = CStr(cert_file, cert_len);
  tls.key_file = CStr(key_file, key_len);
  tls.verify_server_certificate = verify_server_certificate != 0;
}

void tessera_options_set_max_connections_per_shard(tessera_options_t* options,
                                                   int n) noexcept {
  options->rep.max_connections_per_shard = n;
}

void tessera_options_set_query_timeout_ms(tessera_options_t* options,
                                          int64_t ms) noexcept {
  options->rep.query_timeout_ms = ms;
}

void tessera_options_set_max_result_rows(tessera_options_t* options,
                                         uint64_t rows) noexcept {
  options->rep.max_result_rows = rows;
}

void tessera_options_set_max_result_bytes(tessera_options_t* options,
                                          uint64_t bytes) noexcept {
  options->rep.max_result_bytes = bytes;
}

void tessera_options_set_transaction_mode(tessera_options_t* options,
                                          int mode) noexcept {
  options->transaction_mode = mode;
}

}  // extern "C"
