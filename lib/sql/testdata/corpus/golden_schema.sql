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
-- More names the golden inputs use (keys, reserved-word and quoted column
-- names, JSON documents), before the copies below take t's definition.
ALTER TABLE t ADD PRIMARY KEY (id), ADD KEY i (a), ADD KEY i1 (a),
  ADD KEY i2 (b), ADD KEY j (x), ADD COLUMN k INT, ADD COLUMN v INT,
  ADD COLUMN g INT, ADD COLUMN a_id INT, ADD COLUMN c_id INT,
  ADD COLUMN doc JSON, ADD COLUMN eid INT, ADD COLUMN `date` DATE,
  ADD COLUMN `time` TIME, ADD COLUMN `timestamp` DATETIME,
  ADD COLUMN `year` INT, ADD COLUMN `month` INT, ADD COLUMN `day` INT,
  ADD COLUMN `key` INT, ADD COLUMN `status` VARCHAR(10),
  ADD COLUMN `order` INT, ADD COLUMN `a``b` INT;
UPDATE t SET k = id % 2, v = id * 10, g = id % 3, a_id = 5 - id, c_id = id,
  doc = '[{"a": "x", "b": 1}, {"a": "y"}, {"a": 3}]', eid = id - 2,
  `date` = DATE '2024-02-28' + INTERVAL id DAY, `time` = '12:30:00',
  `timestamp` = ts, `year` = 2020 + id, `month` = id, `day` = 10 * id,
  `key` = id % 2, `status` = IF(id < 3, 'active', 'closed'), `order` = 5 - id,
  `a``b` = id;
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
-- Other databases and names of the golden inputs; stored functions they
-- call; system versioning for FOR SYSTEM_TIME.
CREATE DATABASE db;
CREATE TABLE db.t LIKE t;
INSERT INTO db.t SELECT * FROM t WHERE id > 1;
CREATE DATABASE db1;
CREATE TABLE db1.a LIKE t;
INSERT INTO db1.a SELECT * FROM t;
CREATE DATABASE db2;
CREATE TABLE db2.b LIKE t;
INSERT INTO db2.b SELECT * FROM t WHERE id < 4;
CREATE DATABASE x;
CREATE TABLE x.y (z INT);
INSERT INTO x.y VALUES (1), (2);
CREATE TABLE `a b` (x INT);
INSERT INTO `a b` VALUES (1), (2);
CREATE TABLE `c-d` (x INT);
INSERT INTO `c-d` VALUES (2), (3);
CREATE TABLE `from` (`select` INT);
INSERT INTO `from` VALUES (7);
CREATE FUNCTION my_udf(p INT, q INT) RETURNS INT DETERMINISTIC RETURN p * 10 + q;
CREATE FUNCTION `weird func`(p INT) RETURNS INT DETERMINISTIC RETURN p + 100;
CREATE FUNCTION db1.my_func(p INT) RETURNS INT DETERMINISTIC RETURN p - 1;
ALTER TABLE t ADD SYSTEM VERSIONING;
ALTER TABLE x ADD SYSTEM VERSIONING;
ALTER TABLE u ADD SYSTEM VERSIONING;
