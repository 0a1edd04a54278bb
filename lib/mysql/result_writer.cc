#include "lib/mysql/result_writer.h"

#include "lib/base/mysql_error.h"
#include "lib/mysql/binary_protocol.h"
#include "lib/mysql/codec.h"
#include "lib/mysql/constants.h"
#include "lib/mysql/messages.h"
#include "lib/mysql/session_track.h"
#include "lib/mysql/wire.h"

namespace tessera::mysql {
namespace {

void AppendEnd(uint16_t warnings, uint16_t flags, const WriterContext& ctx) {
  if (ctx.capabilities & cap::kDeprecateEof) {
    OkInfo ok;
    ok.status_flags = flags;
    ok.warnings = warnings;
    AppendPayload(EncodeOk(ok, 0xFE), ctx);
  } else {
    AppendPayload(EncodeEof(warnings, flags), ctx);
  }
}

void AppendFields(absl::Span<const Field> fields, const WriterContext& ctx) {
  for (const Field& f : fields) AppendPayload(EncodeColumnDefinition(f), ctx);
  if (!(ctx.capabilities & cap::kDeprecateEof)) {
    AppendPayload(EncodeEof(0, 0), ctx);
  }
}

// Appends one result set; false (and nothing appended) if a value cannot be
// encoded in the binary protocol.
bool AppendResultSet(const Result& r, bool binary,
                     absl::Span<const Field> fields, uint16_t flags,
                     const WriterContext& ctx) {
  size_t mark = ctx.out->size();
  uint8_t seq_mark = *ctx.seq;
  std::string payload;
  WireWriter(&payload).LenencInt(fields.size());
  AppendPayload(payload, ctx);
  AppendFields(fields, ctx);
  for (const Row& row : r.rows) {
    payload.clear();
    if (binary) {
      if (!AppendBinaryRow(fields, row, &payload).ok()) {
        ctx.out->resize(mark);
        *ctx.seq = seq_mark;
        return false;
      }
    } else {
      AppendTextRow(row, &payload);
    }
    AppendPayload(payload, ctx);
  }
  AppendEnd(r.warnings, flags, ctx);
  return true;
}

}  // namespace

void AppendPayload(absl::string_view payload, const WriterContext& ctx) {
  AppendPacket(payload, ctx.seq, ctx.out);
}

void AppendQueryResult(const QueryResult& result, bool binary,
                       absl::Span<const Field> prepared_fields,
                       const WriterContext& ctx) {
  const size_t n = result.results.size();
  // Session state changes ride on the last OK packet of the command (a
  // result set's end packet cannot carry them).
  std::string tracked;
  size_t tracked_at = n;  // n: the closing OK when there are no results
  if ((ctx.capabilities & cap::kSessionTrack) &&
      !result.session_state.empty()) {
    tracked = EncodeSessionState(result.session_state);
    for (size_t i = n; i-- > 0;) {
      if (!result.results[i].has_result_set()) {
        tracked_at = i;
        break;
      }
    }
  }
  for (size_t i = 0; i < n; ++i) {
    const Result& r = result.results[i];
    bool more = i + 1 < n || !result.error.ok();
    uint16_t flags =
        result.status_flags | (more ? status::kMoreResultsExist : 0);
    if (r.has_result_set()) {
      absl::Span<const Field> fields = r.fields;
      if (prepared_fields.size() == r.fields.size()) fields = prepared_fields;
      if (!AppendResultSet(r, binary, fields, flags, ctx)) {
        AppendPayload(EncodeErr(InternalMysqlError(
                          "result value does not fit its column type")),
                      ctx);
        return;
      }
    } else {
      OkInfo ok;
      ok.affected_rows = r.affected_rows;
      ok.last_insert_id = r.last_insert_id;
      ok.status_flags = flags;
      ok.warnings = r.warnings;
      ok.info = r.info;
      if (i == tracked_at) ok.session_state = tracked;
      AppendPayload(EncodeOk(ok), ctx);
    }
  }
  if (!result.error.ok()) {
    AppendPayload(EncodeErr(result.error), ctx);
  } else if (n == 0) {
    OkInfo ok;
    ok.status_flags = result.status_flags;
    ok.session_state = std::move(tracked);
    AppendPayload(EncodeOk(ok), ctx);
  }
}

void AppendCursorOpen(absl::Span<const Field> fields, uint16_t warnings,
                      uint16_t status_flags, const WriterContext& ctx) {
  std::string payload;
  WireWriter(&payload).LenencInt(fields.size());
  AppendPayload(payload, ctx);
  for (const Field& f : fields) AppendPayload(EncodeColumnDefinition(f), ctx);
  AppendEnd(warnings, status_flags | status::kCursorExists, ctx);
}

void AppendCursorRows(absl::Span<const Field> fields,
                      absl::Span<const Row> rows, bool last,
                      uint16_t status_flags, const WriterContext& ctx) {
  const size_t mark = ctx.out->size();
  const uint8_t seq_mark = *ctx.seq;
  std::string payload;
  for (const Row& row : rows) {
    payload.clear();
    if (!AppendBinaryRow(fields, row, &payload).ok()) {
      ctx.out->resize(mark);
      *ctx.seq = seq_mark;
      AppendPayload(EncodeErr(InternalMysqlError(
                        "result value does not fit its column type")),
                    ctx);
      return;
    }
    AppendPayload(payload, ctx);
  }
  AppendEnd(
      0, status_flags | (last ? status::kLastRowSent : status::kCursorExists),
      ctx);
}

void AppendPrepareOk(uint32_t statement_id, const PrepareInfo& info,
                     const WriterContext& ctx) {
  std::string p;
  WireWriter w(&p);
  w.Int1(0x00);
  w.Int4(statement_id);
  w.Int2(static_cast<uint16_t>(info.columns.size()));
  w.Int2(static_cast<uint16_t>(info.num_params));
  w.Int1(0);
  w.Int2(0);
  AppendPayload(p, ctx);
  if (info.num_params > 0) {
    std::vector<Field> params(info.num_params);
    for (Field& f : params) {
      f.name.push_back('?');
      f.type = FieldType::kVarString;
      f.charset = kBinaryCollation;
    }
    AppendFields(params, ctx);
  }
  if (!info.columns.empty()) AppendFields(info.columns, ctx);
}

}  // namespace tessera::mysql
