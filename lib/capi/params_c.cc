// tessera_params_t: bind values for `?` placeholders.
#include <string>

#include "lib/capi/internal.h"

using tessera::BindValue;
using tessera::capi::CStr;

extern "C" {

tessera_params_t* tessera_params_create(void) noexcept {
  return new tessera_params_t;
}

void tessera_params_destroy(tessera_params_t* params) noexcept {
  delete params;
}

void tessera_params_clear(tessera_params_t* params) noexcept {
  params->rep.clear();
}

size_t tessera_params_count(const tessera_params_t* params) noexcept {
  return params->rep.size();
}

void tessera_params_add_null(tessera_params_t* params) noexcept {
  params->rep.push_back(BindValue::Null());
}

void tessera_params_add_int(tessera_params_t* params, int64_t v) noexcept {
  params->rep.push_back(BindValue::Int(v));
}

void tessera_params_add_uint(tessera_params_t* params, uint64_t v) noexcept {
  params->rep.push_back(BindValue::Uint(v));
}

void tessera_params_add_double(tessera_params_t* params, double v) noexcept {
  params->rep.push_back(BindValue::Double(v));
}

void tessera_params_add_decimal(tessera_params_t* params, const char* text,
                                size_t len) noexcept {
  params->rep.push_back(BindValue::Decimal(CStr(text, len)));
}

void tessera_params_add_string(tessera_params_t* params, const char* s,
                               size_t len) noexcept {
  params->rep.push_back(BindValue::String(CStr(s, len)));
}

void tessera_params_add_binary(tessera_params_t* params, const void* data,
                               size_t len) noexcept {
  params->rep.push_back(
      BindValue::Binary(CStr(static_cast<const char*>(data), len)));
}

}  // extern "C"
