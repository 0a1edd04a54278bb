-- Test schema for the corpus meaning test (corpus_mariadb_test): the SELECTs
-- of the corpora run against these tables, as written and as formatted.
CREATE TABLE users (
  id INT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  email VARCHAR(190) NOT NULL,
  name VARCHAR(100) NULL,
  status ENUM('active','blocked','pending') NOT NULL DEFAULT 'pending',
  score DECIMAL(8,2) NOT NULL DEFAULT 0,
  created_at DATETIME NOT NULL,
  updated_at TIMESTAMP NULL DEFAULT NULL,
  deleted_at DATETIME NULL,
  meta JSON NULL,
  UNIQUE KEY uk_email (email),
  KEY idx_status_created (status, created_at)
);
CREATE TABLE orders (
  id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
  user_id INT UNSIGNED NOT NULL,
  total DECIMAL(12,2) NOT NULL,
  currency CHAR(3) NOT NULL DEFAULT 'EUR',
  status VARCHAR(20) NOT NULL,
  created_at DATETIME NOT NULL,
  shipped_on DATE NULL,
  KEY idx_user (user_id)
);
CREATE TABLE order_items (
  order_id BIGINT NOT NULL,
  line_no SMALLINT NOT NULL,
  product_id INT NOT NULL,
  qty INT NOT NULL,
  price DECIMAL(10,2) NOT NULL,
  PRIMARY KEY (order_id, line_no)
);
CREATE TABLE products (
  id INT NOT NULL PRIMARY KEY,
  sku VARCHAR(32) NOT NULL,
  name VARCHAR(200) NOT NULL,
  description TEXT,
  price DECIMAL(10,2) NOT NULL,
  category_id INT NULL,
  attrs JSON,
  flags SET('new','sale','hidden') NOT NULL DEFAULT '',
  FULLTEXT KEY ft_name (name, description)
) ENGINE=InnoDB;
CREATE TABLE categories (
  id INT NOT NULL PRIMARY KEY,
  parent_id INT NULL,
  name VARCHAR(100) NOT NULL,
  `position` INT NOT NULL DEFAULT 0
);
CREATE TABLE wp_posts (
  ID BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  post_author BIGINT UNSIGNED NOT NULL DEFAULT 0,
  post_date DATETIME NOT NULL DEFAULT '2000-01-01 00:00:00',
  post_content LONGTEXT NOT NULL,
  post_title TEXT NOT NULL,
  post_status VARCHAR(20) NOT NULL DEFAULT 'publish',
  post_name VARCHAR(200) NOT NULL DEFAULT '',
  post_parent BIGINT UNSIGNED NOT NULL DEFAULT 0,
  menu_order INT NOT NULL DEFAULT 0,
  post_type VARCHAR(20) NOT NULL DEFAULT 'post',
  comment_count BIGINT NOT NULL DEFAULT 0
);
CREATE TABLE wp_postmeta (
  meta_id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  post_id BIGINT UNSIGNED NOT NULL DEFAULT 0,
  meta_key VARCHAR(255) DEFAULT NULL,
  meta_value LONGTEXT
);
CREATE TABLE wp_options (
  option_id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  option_name VARCHAR(191) NOT NULL DEFAULT '',
  option_value LONGTEXT NOT NULL,
  autoload VARCHAR(20) NOT NULL DEFAULT 'yes',
  UNIQUE KEY option_name (option_name)
);
CREATE TABLE events (
  id INT NOT NULL AUTO_INCREMENT PRIMARY KEY,
  user_id INT UNSIGNED NULL,
  kind VARCHAR(40) NOT NULL,
  at DATETIME(6) NOT NULL,
  payload JSON,
  ip VARBINARY(16) NULL,
  dyn BLOB NULL
);
CREATE TABLE sessions (
  session_key CHAR(40) NOT NULL PRIMARY KEY,
  session_data LONGTEXT NOT NULL,
  expire_date DATETIME(6) NOT NULL
);
CREATE TABLE kv (
  k VARCHAR(64) NOT NULL PRIMARY KEY,
  v VARCHAR(255) NULL,
  n INT NOT NULL DEFAULT 0,
  b BIT(8) NULL,
  f DOUBLE NULL,
  t TIME NULL,
  y YEAR NULL
);
CREATE SEQUENCE seq_orders START WITH 100 INCREMENT BY 1;
CREATE VIEW v_user_totals AS
  SELECT u.id, u.email, COALESCE(SUM(o.total), 0) AS total
  FROM users u LEFT JOIN orders o ON o.user_id = u.id GROUP BY u.id, u.email;
INSERT INTO users (id, email, name, status, score, created_at, updated_at, deleted_at, meta) VALUES
  (1, 'ann@example.com', 'Ann', 'active', 12.50, '2024-01-03 10:00:00', '2024-02-01 08:00:00', NULL, '{"tags": ["a", "b"], "age": 31, "address": {"city": "Oslo"}}'),
  (2, 'bob@example.com', 'Bob', 'blocked', 3.00, '2024-01-15 11:30:00', NULL, NULL, '{"tags": [], "age": 45}'),
  (3, 'cy@example.org', NULL, 'pending', 0.00, '2024-02-20 09:15:00', NULL, '2024-03-01 00:00:00', NULL),
  (4, 'dee@example.net', 'Dee O''Neil', 'active', 99.99, '2024-03-05 18:45:10', '2024-03-06 07:00:00', NULL, '{"tags": ["vip"], "age": 28, "address": {"city": "Lyon"}}'),
  (5, 'eve@example.com', 'Eve', 'active', 47.25, '2023-12-31 23:59:59', NULL, NULL, '{"age": 52}');
INSERT INTO orders (id, user_id, total, currency, status, created_at, shipped_on) VALUES
  (10, 1, 120.00, 'EUR', 'paid', '2024-01-05 12:00:00', '2024-01-07'),
  (11, 1, 35.50, 'EUR', 'refunded', '2024-02-10 09:00:00', NULL),
  (12, 2, 10.00, 'USD', 'paid', '2024-01-20 15:00:00', '2024-01-21'),
  (13, 4, 999.90, 'EUR', 'paid', '2024-03-06 10:10:10', '2024-03-08'),
  (14, 4, 5.00, 'EUR', 'cancelled', '2024-03-07 10:10:10', NULL),
  (15, 5, 60.00, 'GBP', 'paid', '2024-01-01 00:00:01', '2024-01-03');
INSERT INTO order_items VALUES
  (10, 1, 100, 2, 50.00), (10, 2, 101, 1, 20.00), (11, 1, 102, 1, 35.50),
  (12, 1, 100, 1, 10.00), (13, 1, 103, 3, 333.30), (14, 1, 101, 1, 5.00),
  (15, 1, 102, 2, 30.00);
INSERT INTO products VALUES
  (100, 'SKU-100', 'Red mug', 'A red ceramic mug', 25.00, 1, '{"color": "red", "size": "M"}', 'new'),
  (101, 'SKU-101', 'Blue mug', 'A blue mug, dishwasher safe', 20.00, 1, '{"color": "blue"}', 'sale,new'),
  (102, 'SKU-102', 'Tea pot', 'Large tea pot', 35.50, 2, '{"color": "white", "size": "L"}', ''),
  (103, 'SKU-103', 'Kettle', NULL, 333.30, 3, NULL, 'hidden');
INSERT INTO categories VALUES (1, NULL, 'Kitchen', 1), (2, 1, 'Tea', 2), (3, 1, 'Electric', 3), (4, 3, 'Kettles', 1);
INSERT INTO wp_posts (ID, post_author, post_date, post_content, post_title, post_status, post_name, post_parent, menu_order, post_type, comment_count) VALUES
  (1, 1, '2024-01-01 10:00:00', 'Hello world', 'Hello', 'publish', 'hello', 0, 0, 'post', 2),
  (2, 1, '2024-01-02 10:00:00', 'About us', 'About', 'publish', 'about', 0, 1, 'page', 0),
  (3, 2, '2024-01-03 10:00:00', 'Draft text', 'Draft', 'draft', 'draft', 0, 0, 'post', 0),
  (4, 1, '2024-01-04 10:00:00', '', 'Logo', 'inherit', 'logo', 2, 0, 'attachment', 0);
INSERT INTO wp_postmeta (post_id, meta_key, meta_value) VALUES
  (1, '_edit_lock', '1704100000:1'), (2, '_wp_page_template', 'default'),
  (4, '_wp_attached_file', '2024/01/logo.png'), (1, 'views', '42');
INSERT INTO wp_options (option_name, option_value, autoload) VALUES
  ('siteurl', 'http://example.test', 'yes'), ('blogname', 'Test blog', 'yes'),
  ('cron', 'a:0:{}', 'no'), ('_transient_x', 'cached', 'no');
INSERT INTO events (user_id, kind, at, payload, ip, dyn) VALUES
  (1, 'login', '2024-01-05 12:00:00.123456', '{"ok": true, "ua": "curl"}', INET6_ATON('10.0.0.1'), COLUMN_CREATE('color', 'red', 'n', 3)),
  (1, 'logout', '2024-01-05 12:30:00.000001', '{"ok": true}', INET6_ATON('::1'), NULL),
  (2, 'login', '2024-01-20 14:59:00', '{"ok": false, "reason": "blocked"}', NULL, COLUMN_CREATE('color', 'blue')),
  (NULL, 'ping', '2024-02-01 00:00:00', NULL, NULL, NULL);
INSERT INTO sessions VALUES ('abc', 'e30=', '2030-01-01 00:00:00'), ('old', 'e30=', '2020-01-01 00:00:00');
INSERT INTO kv VALUES ('a', 'x', 1, b'1010', 1.5, '10:00:00', 2024), ('b', NULL, 2, NULL, -2.25e10, '-01:30:00', NULL),
  ('c\\d', 'tab\there', 3, b'11111111', NULL, NULL, 1999);
-- For the statements that name partitions or history: kv in two partitions
-- (p0, p1), users system-versioned.
ALTER TABLE kv PARTITION BY KEY (k) PARTITIONS 2;
ALTER TABLE users ADD SYSTEM VERSIONING;
