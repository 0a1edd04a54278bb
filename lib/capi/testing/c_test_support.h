/* Helpers for the plain-C tests of the C ABI: checks that count failures
 * instead of aborting, statement shortcuts, and a router over the test
 * cluster (servers 0 and 1: keyspace "shop" -80 and 80-; server 2: the
 * unsharded keyspace "meta"). */
#ifndef TESSERA_LIB_CAPI_TESTING_C_TEST_SUPPORT_H_
#define TESSERA_LIB_CAPI_TESTING_C_TEST_SUPPORT_H_

#include <stdio.h>

#include "lib/capi/testing/cluster_c.h"
#include "tessera/c.h"

/* The current phase's name and the number of failed checks. */
extern const char* tessera_c_test_phase;
extern int tessera_c_test_failures;

#define CHECK(cond)                                                        \
  do {                                                                     \
    if (!(cond)) {                                                         \
      fprintf(stderr, "%s:%d: %s: check failed: %s\n", __FILE__, __LINE__, \
              tessera_c_test_phase, #cond);                                \
      ++tessera_c_test_failures;                                           \
    }                                                                      \
  } while (0)

#define CHECK_NO_ERROR(err)                                                    \
  do {                                                                         \
    if ((err) != NULL) {                                                       \
      fprintf(stderr, "%s:%d: %s: unexpected error: %s\n", __FILE__, __LINE__, \
              tessera_c_test_phase, (err));                                    \
      ++tessera_c_test_failures;                                               \
      tessera_free(err);                                                       \
      (err) = NULL;                                                            \
    }                                                                          \
  } while (0)

void StartPhase(const char* name);

/* Executes `sql` expecting success; returns the result (NULL on failure,
 * which is counted). */
tessera_result_t* Run(tessera_session_t* s, const char* sql,
                      const tessera_params_t* params);
void RunAndDrop(tessera_session_t* s, const char* sql);

/* Executes `sql` expecting errno `code` and SQLSTATE `state`. */
void ExpectError(tessera_session_t* s, const char* sql,
                 const tessera_params_t* params, uint16_t code,
                 const char* state);

/* Whether cell (row, col) is `want` (NULL: SQL NULL). */
int CellEquals(const tessera_result_t* r, uint64_t row, size_t col,
               const char* want);

/* The VSchema of "shop" (item, big) and "meta" (note). */
extern const char kVSchema[];

/* A router over servers 0-2 of `c`. */
tessera_router_t* NewRouter(const tessera_test_cluster_t* c);

#endif /* TESSERA_LIB_CAPI_TESTING_C_TEST_SUPPORT_H_ */
