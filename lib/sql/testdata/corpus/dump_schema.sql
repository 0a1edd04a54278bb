-- A varied schema for the mariadb-dump round trip (dump_roundtrip_test):
-- every column type, indexes, foreign keys, checks, generated columns,
-- partitions, system versioning, a sequence, views, triggers, routines, an
-- event, and data with every escape a dump has to write.
CREATE TABLE parent (
  id INT NOT NULL AUTO_INCREMENT,
  code CHAR(4) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  label VARCHAR(100) NOT NULL DEFAULT 'none' COMMENT 'shown to \'users\'',
  PRIMARY KEY (id),
  UNIQUE KEY uk_code (code)
) ENGINE=InnoDB AUTO_INCREMENT=10 DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci COMMENT='parents; with "quotes"';
CREATE TABLE all_types (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  parent_id INT NULL,
  t_tiny TINYINT(3) UNSIGNED ZEROFILL,
  t_bool BOOLEAN DEFAULT TRUE,
  t_small SMALLINT DEFAULT -5,
  t_medium MEDIUMINT UNSIGNED,
  t_int INT(11) NOT NULL DEFAULT 0,
  t_big BIGINT,
  t_dec DECIMAL(20,6) DEFAULT 0.000001,
  t_num NUMERIC(5,0),
  t_float FLOAT,
  t_float2 FLOAT(7,3),
  t_double DOUBLE DEFAULT 1e-10,
  t_real REAL,
  t_bit BIT(10) DEFAULT b'101',
  t_char CHAR(10) COLLATE utf8mb4_bin,
  t_varchar VARCHAR(255) CHARACTER SET latin1,
  t_binary BINARY(4),
  t_varbinary VARBINARY(32),
  t_tinytext TINYTEXT,
  t_text TEXT,
  t_mediumtext MEDIUMTEXT,
  t_longtext LONGTEXT,
  t_tinyblob TINYBLOB,
  t_blob BLOB,
  t_mediumblob MEDIUMBLOB,
  t_longblob LONGBLOB,
  t_enum ENUM('a', 'b''c', 'd e', '') DEFAULT 'a',
  t_set SET('x', 'y', 'z') DEFAULT 'x,z',
  t_date DATE DEFAULT '2000-01-01',
  t_time TIME(3),
  t_datetime DATETIME(6) DEFAULT CURRENT_TIMESTAMP(6),
  t_timestamp TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP,
  t_year YEAR,
  t_json JSON,
  t_geometry GEOMETRY,
  t_point POINT,
  t_linestring LINESTRING,
  t_polygon POLYGON,
  t_inet6 INET6,
  t_inet4 INET4,
  t_uuid UUID,
  t_virtual BIGINT AS (t_int * 2) VIRTUAL,
  t_stored VARCHAR(20) AS (CONCAT('v', t_int)) PERSISTENT,
  t_default_expr VARCHAR(40) DEFAULT (CONCAT('x', 'y')),
  t_invisible INT INVISIBLE DEFAULT 7,
  KEY idx_parent (parent_id),
  KEY idx_multi (t_int, t_date DESC),
  KEY idx_prefix (t_varchar(10)),
  UNIQUE KEY uk_char (t_char),
  FULLTEXT KEY ft_text (t_text, t_mediumtext),
  KEY idx_ignored (t_small) IGNORED,
  KEY idx_hash (t_big) USING HASH,
  CONSTRAINT fk_parent FOREIGN KEY (parent_id) REFERENCES parent (id) ON DELETE SET NULL ON UPDATE CASCADE,
  CONSTRAINT chk_int CHECK (t_int >= -2147483648 OR t_int IS NULL),
  CHECK (t_small <> 12345)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 ROW_FORMAT=DYNAMIC;
CREATE TABLE spatial_t (
  id INT PRIMARY KEY,
  g GEOMETRY NOT NULL,
  SPATIAL KEY sp_g (g)
) ENGINE=InnoDB;
CREATE TABLE `odd name` (
  `select` INT NOT NULL,
  `weird``col` VARCHAR(10),
  `é` INT,
  `1x` INT,
  PRIMARY KEY (`select`)
);
CREATE TABLE parted (
  id INT NOT NULL,
  created DATE NOT NULL,
  v VARCHAR(10),
  PRIMARY KEY (id, created)
) PARTITION BY RANGE (YEAR(created)) (
  PARTITION p2023 VALUES LESS THAN (2024),
  PARTITION p2024 VALUES LESS THAN (2025),
  PARTITION pmax VALUES LESS THAN MAXVALUE
);
CREATE TABLE hashed (id INT PRIMARY KEY, v INT) PARTITION BY HASH (id) PARTITIONS 3;
CREATE TABLE listed (id INT, region CHAR(2)) PARTITION BY LIST COLUMNS (region) (PARTITION pe VALUES IN ('de', 'fr'), PARTITION pa VALUES IN ('us', 'ca'));
CREATE TABLE versioned (id INT PRIMARY KEY, v INT) WITH SYSTEM VERSIONING;
CREATE TABLE myisam_t (id INT PRIMARY KEY, note VARCHAR(20)) ENGINE=MyISAM CHECKSUM=1 DELAY_KEY_WRITE=1;
CREATE TABLE aria_t (id INT PRIMARY KEY) ENGINE=Aria TRANSACTIONAL=1 PAGE_CHECKSUM=1;
CREATE TABLE empty_t (id INT);
CREATE TABLE child (
  id INT NOT NULL PRIMARY KEY,
  a_id BIGINT UNSIGNED NOT NULL,
  note VARCHAR(20),
  FOREIGN KEY (a_id) REFERENCES all_types (id) ON DELETE CASCADE
);
CREATE SEQUENCE seq1 START WITH 1000 INCREMENT BY 5 MINVALUE 1 MAXVALUE 999999 CACHE 10 CYCLE;
CREATE SEQUENCE seq2;
CREATE VIEW v_simple AS SELECT id, code FROM parent WHERE id > 0;
CREATE ALGORITHM=MERGE SQL SECURITY INVOKER VIEW v_joined (pid, plabel, n) AS
  SELECT p.id, p.label, COUNT(a.id) FROM parent p LEFT JOIN all_types a ON a.parent_id = p.id GROUP BY p.id, p.label;
CREATE VIEW v_checked AS SELECT id, t_int FROM all_types WHERE t_int > 0 WITH CASCADED CHECK OPTION;
CREATE VIEW v_union AS SELECT id FROM parent UNION ALL SELECT id FROM child;
CREATE TRIGGER trg_child_bi BEFORE INSERT ON child FOR EACH ROW
BEGIN
  IF NEW.note IS NULL THEN
    SET NEW.note = CONCAT('auto;', NEW.id);
  END IF;
END;
CREATE TRIGGER trg_parent_au AFTER UPDATE ON parent FOR EACH ROW SET @parent_updates = IFNULL(@parent_updates, 0) + 1;
CREATE PROCEDURE p_count(IN min_id INT, OUT n INT)
  COMMENT 'counts; rows'
BEGIN
  DECLARE done INT DEFAULT 0;
  SELECT COUNT(*) INTO n FROM parent WHERE id >= min_id;
  -- a comment; with a semicolon
  IF n > 100 THEN
    SET n = 100;
  END IF;
END;
CREATE FUNCTION f_label(p INT) RETURNS VARCHAR(60) DETERMINISTIC READS SQL DATA
  RETURN (SELECT CONCAT(code, ':', label) FROM parent WHERE id = p);
CREATE FUNCTION f_add(a INT, b INT) RETURNS INT NO SQL RETURN a + b;
CREATE EVENT ev_cleanup ON SCHEDULE EVERY 1 DAY STARTS '2030-01-01 00:00:00' DISABLE COMMENT 'never runs' DO DELETE FROM empty_t WHERE id < 0;
INSERT INTO parent (id, code, label) VALUES
  (1, 'A001', 'plain'), (2, 'B002', 'it''s'), (3, 'C003', 'back\\slash'),
  (4, 'D004', 'quote "double"'), (5, 'E005', 'new\nline\r\ttab'),
  (6, 'F006', 'nul\0byte'), (7, 'G007', 'ctrl-z \Z here'), (8, 'H008', 'unicode é ü 中文 😀'),
  (9, 'I009', '%percent_under'), (10, 'J010', ''), (11, 'K011', 'semi;colon -- not a comment /* nor this */ # nor this');
INSERT INTO all_types (id, parent_id, t_tiny, t_bool, t_small, t_medium, t_int, t_big, t_dec, t_num,
  t_float, t_float2, t_double, t_real, t_bit, t_char, t_varchar, t_binary, t_varbinary, t_tinytext,
  t_text, t_mediumtext, t_longtext, t_tinyblob, t_blob, t_mediumblob, t_longblob, t_enum, t_set,
  t_date, t_time, t_datetime, t_timestamp, t_year, t_json, t_geometry, t_point, t_linestring,
  t_polygon, t_inet6, t_inet4, t_uuid, t_invisible) VALUES
  (1, 1, 7, FALSE, -32768, 16777215, -2147483648, -9223372036854775808, 12345678901234.123456, 99999,
   3.14159, 1234.567, -1.7976931348623157e308, 2.2250738585072014e-308, b'1111111111', 'chär', 'latin1 café',
   0x00FF10AB, 0x000102030405, 'tiny', 'text with ''quotes'' and \\ backslash', 'medium\ntext', REPEAT('long ', 2000),
   0x00, 0xDEADBEEF00FF, UNHEX(REPEAT('00FF7F80', 100)), RANDOM_BYTES(0) , 'b''c', 'y',
   '1000-01-01', '-838:59:59.000', '9999-12-31 23:59:59.999999', '2038-01-01 00:00:00', 1901,
   '{"k": "v\\"q", "n": [1, 2.5, null, true], "u": "\\u00e9"}', ST_GeomFromText('POINT(1 1)'),
   POINT(1.5, -2.25), ST_GeomFromText('LINESTRING(0 0, 1 1, 2 0)'),
   ST_GeomFromText('POLYGON((0 0, 0 3, 3 3, 3 0, 0 0), (1 1, 1 2, 2 2, 2 1, 1 1))'),
   '2001:db8::ff00:42:8329', '192.168.0.1', '123e4567-e89b-12d3-a456-426655440000', 8),
  (2, NULL, NULL, NULL, NULL, NULL, 0, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL,
   NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL,
   '2000-01-01 00:00:00', NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, DEFAULT),
  (3, 8, 255, TRUE, 32767, 0, 2147483647, 9223372036854775807, -0.000001, -99999, -0.0, 0, 0, 1e300,
   b'0', '', '', '', '', '', '', '', '', '', '', '', '', 'd e', '', '2024-02-29', '00:00:00.001',
   '1970-01-01 00:00:01', '1970-01-01 00:00:01', 2155, '[]', NULL, NULL, NULL, NULL, '::', '0.0.0.0',
   '00000000-0000-0000-0000-000000000000', 0),
  (4, 2, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, b'1', 'x', 'y', 'z', 'w', '\'', '"', '\\', '\n',
   '\0', '\r', '\t', '\Z', '', 'x,y,z', '2024-01-01', '12:00', '2024-01-01 12:00:00',
   '2024-01-01 12:00:00', 2024, '"just a string"', NULL, NULL, NULL, NULL, NULL, NULL, NULL, 1);
INSERT INTO spatial_t VALUES (1, ST_GeomFromText('POINT(0 0)')), (2, ST_GeomFromText('MULTIPOINT(1 1, 2 2)')),
  (3, ST_GeomFromText('GEOMETRYCOLLECTION(POINT(1 1), LINESTRING(0 0, 1 1))'));
INSERT INTO `odd name` VALUES (1, 'a`b', 2, 3), (2, 'it''s', NULL, NULL);
INSERT INTO parted VALUES (1, '2023-05-01', 'a'), (2, '2024-05-01', 'b'), (3, '2030-01-01', 'c');
INSERT INTO hashed VALUES (1, 10), (2, 20), (3, 30), (4, 40);
INSERT INTO listed VALUES (1, 'de'), (2, 'us'), (3, 'ca');
INSERT INTO versioned VALUES (1, 1), (2, 2);
UPDATE versioned SET v = 3 WHERE id = 1;
INSERT INTO myisam_t VALUES (1, 'm'), (2, 'n\\o');
INSERT INTO aria_t VALUES (1), (2);
INSERT INTO child (id, a_id, note) VALUES (1, 1, 'x'), (2, 1, NULL), (3, 3, 'y;z');
SELECT NEXTVAL(seq1);
