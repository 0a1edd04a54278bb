/* Test-only: real MariaDB servers for tests written in C (and the Python
 * binding's tests), over tessera::testing::MariadbFixture. Each server
 * listens on 127.0.0.1 with user root, password "tessera".
 *
 * Errors are returned like the C ABI's: "ERROR <errno> (<state>): msg" in
 * *errptr, freed with tessera_free. */
#ifndef TESSERA_LIB_CAPI_TESTING_CLUSTER_C_H_
#define TESSERA_LIB_CAPI_TESTING_CLUSTER_C_H_

#ifdef __cplusplus
extern "C" {
#endif

typedef struct tessera_test_cluster_t tessera_test_cluster_t;

/* Starts `servers` MariaDB servers; NULL and *errptr on failure. */
tessera_test_cluster_t* tessera_test_cluster_start(int servers, char** errptr);

/* Stops every server and removes their directories. */
void tessera_test_cluster_stop(tessera_test_cluster_t* cluster);

/* The TCP port of server `i`. */
int tessera_test_cluster_port(const tessera_test_cluster_t* cluster, int i);

/* Runs `sql` (several statements separated by ';' allowed) directly on
 * server `i`, in `database` when not NULL. */
void tessera_test_cluster_exec(const tessera_test_cluster_t* cluster, int i,
                               const char* database, const char* sql,
                               char** errptr);

#ifdef __cplusplus
} /* extern "C" */
#endif

#endif /* TESSERA_LIB_CAPI_TESTING_CLUSTER_C_H_ */
