-- Tables for running the golden SELECT inputs (testdata/*.txt) on MariaDB in
-- corpus_mariadb_test: the names and columns those inputs use most.
CREATE TABLE t (id INT, a INT, b INT, c INT, d INT, x INT, y INT, z INT,
  n INT, p INT, i INT, w INT, name VARCHAR(20), title VARCHAR(50), body TEXT,
  j JSON, ts DATETIME, FULLTEXT (title), FULLTEXT (title, body));
INSERT INTO t VALUES
  (1, 1, 2, 3, 4, 5, 6, 7, 1, 2, 3, 4, 'ann', 'red mug', 'a mug', '{"a": 1, "b": [1, 2], "c": {"d": "x"}}', '2024-01-02 03:04:05'),
  (2, -1, 0, NULL, 2, 10, -6, 0, 2, 3, 4, 5, 'bob', 'tea pot', 'large pot', '[1, 2, 3]', '2023-12-31 23:59:59'),
  (3, 7, 3, 2, NULL, 0, 1, 1, 3, 1, 1, 1, NULL, 'blue mug', NULL, NULL, NULL),
  (4, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 'é', '', '', '{}', '2024-02-29 00:00:00');
CREATE TABLE a LIKE t;
INSERT INTO a SELECT * FROM t;
CREATE TABLE b LIKE t;
INSERT INTO b SELECT * FROM t WHERE id <> 2;
CREATE TABLE c LIKE t;
INSERT INTO c SELECT * FROM t WHERE id <> 3;
CREATE TABLE d LIKE t;
INSERT INTO d SELECT * FROM t WHERE id < 3;
CREATE TABLE e LIKE t;
INSERT INTO e SELECT * FROM t;
CREATE TABLE u LIKE t;
INSERT INTO u SELECT * FROM t;
CREATE TABLE t1 LIKE t;
INSERT INTO t1 SELECT * FROM t;
CREATE TABLE t2 LIKE t;
INSERT INTO t2 SELECT * FROM t WHERE id > 1;
CREATE TABLE t3 LIKE t;
INSERT INTO t3 SELECT * FROM t WHERE id > 2;
CREATE TABLE x LIKE t;
INSERT INTO x SELECT * FROM t;
CREATE TABLE v LIKE t;
INSERT INTO v SELECT * FROM t;
