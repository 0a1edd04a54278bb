-- Schema of the differential correctness corpus.
--
-- Two keyspaces. Each section starts with a `-- keyspace: NAME` line; the
-- statements after it belong to that keyspace (one database per keyspace on
-- the single reference server, every shard of the keyspace behind the router).
-- Statements end with `;` at the end of a line.
--
-- commerce (sharded, see vschema.json):
--   customer      hash(customer_id), auto_increment from main.customer_seq
--   corder        hash(customer_id) (co-located with customer),
--                 lookup_unique(order_id) through main.corder_keyspace_idx,
--                 auto_increment from main.corder_seq
--   order_line    xxhash(order_id): not co-located with corder
--   product       reference table (a full copy on every shard)
--   merchant      unicode_loose_md5(handle), a utf8mb4_general_ci VARCHAR
--   api_key       binary_md5(key_bytes), a VARBINARY
--   device_event  hash(device_id), a BIGINT UNSIGNED using the full range
--   device_state  hash(device_id), system-versioned (MariaDB FOR SYSTEM_TIME)
-- main (unsharded): country, promo, the sequence tables and the lookup table.
--
-- The AUTO_INCREMENT start values equal the sequences' next_id so that an
-- INSERT without an id gets the same value from the single server as from
-- the router's sequence (data.sql only uses ids below those values).

-- keyspace: commerce

CREATE TABLE customer (
  customer_id BIGINT NOT NULL AUTO_INCREMENT,
  name VARCHAR(64) COLLATE utf8mb4_general_ci NOT NULL,
  email VARCHAR(128) COLLATE utf8mb4_general_ci NULL,
  country CHAR(2) COLLATE utf8mb4_general_ci NULL,
  tier ENUM('bronze', 'silver', 'gold', 'platinum') NOT NULL DEFAULT 'bronze',
  credit_limit DECIMAL(12, 2) NULL,
  balance BIGINT NOT NULL DEFAULT 0,
  loyalty_points INT UNSIGNED NOT NULL DEFAULT 0,
  rating DOUBLE NULL,
  signup_date DATE NOT NULL,
  last_login DATETIME NULL,
  avatar VARBINARY(16) NULL,
  PRIMARY KEY (customer_id),
  KEY idx_customer_name (name),
  KEY idx_customer_country (country)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_general_ci AUTO_INCREMENT=100000;

CREATE TABLE corder (
  order_id BIGINT NOT NULL AUTO_INCREMENT,
  customer_id BIGINT NOT NULL,
  status ENUM('new', 'paid', 'shipped', 'cancelled', 'returned') NOT NULL,
  total DECIMAL(14, 2) NOT NULL,
  currency CHAR(3) COLLATE utf8mb4_general_ci NOT NULL,
  ordered_at DATETIME NOT NULL,
  shipped_on DATE NULL,
  coupon VARCHAR(32) COLLATE utf8mb4_general_ci NULL,
  note VARCHAR(255) COLLATE utf8mb4_general_ci NULL,
  PRIMARY KEY (order_id),
  KEY idx_corder_customer (customer_id),
  KEY idx_corder_status (status)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_general_ci AUTO_INCREMENT=500000;

CREATE TABLE order_line (
  order_id BIGINT NOT NULL,
  line_no INT NOT NULL,
  sku VARCHAR(32) COLLATE utf8mb4_general_ci NULL,
  qty INT NOT NULL,
  unit_price DECIMAL(10, 2) NOT NULL,
  discount DOUBLE NULL,
  PRIMARY KEY (order_id, line_no),
  KEY idx_order_line_sku (sku)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_general_ci;

CREATE TABLE product (
  sku VARCHAR(32) COLLATE utf8mb4_general_ci NOT NULL,
  title VARCHAR(128) COLLATE utf8mb4_general_ci NOT NULL,
  category VARCHAR(32) COLLATE utf8mb4_general_ci NOT NULL,
  price DECIMAL(10, 2) NOT NULL,
  weight_g INT UNSIGNED NULL,
  stock BIGINT NOT NULL,
  barcode VARBINARY(13) NULL,
  released DATE NULL,
  PRIMARY KEY (sku),
  KEY idx_product_category (category)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_general_ci;

CREATE TABLE merchant (
  merchant_id INT NOT NULL,
  handle VARCHAR(64) COLLATE utf8mb4_general_ci NOT NULL,
  display_name VARCHAR(128) COLLATE utf8mb4_general_ci NOT NULL,
  category VARCHAR(32) COLLATE utf8mb4_general_ci NOT NULL,
  commission DECIMAL(5, 4) NOT NULL,
  rating DOUBLE NULL,
  active TINYINT(1) NOT NULL,
  joined DATE NOT NULL,
  api_secret VARBINARY(32) NULL,
  PRIMARY KEY (merchant_id),
  KEY idx_merchant_handle (handle)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_general_ci;

CREATE TABLE api_key (
  key_bytes VARBINARY(32) NOT NULL,
  merchant_id INT NOT NULL,
  scope ENUM('read', 'write', 'admin') NOT NULL,
  created DATETIME NOT NULL,
  expires DATETIME NULL,
  calls BIGINT UNSIGNED NOT NULL,
  PRIMARY KEY (key_bytes),
  KEY idx_api_key_merchant (merchant_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_general_ci;

CREATE TABLE device_event (
  device_id BIGINT UNSIGNED NOT NULL,
  event_no INT NOT NULL,
  kind ENUM('boot', 'ping', 'error', 'shutdown') NOT NULL,
  reading DECIMAL(20, 6) NULL,
  at DATETIME(3) NOT NULL,
  tag VARCHAR(16) COLLATE utf8mb4_general_ci NULL,
  PRIMARY KEY (device_id, event_no),
  KEY idx_device_event_kind (kind)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_general_ci;

CREATE TABLE device_state (
  device_id BIGINT UNSIGNED NOT NULL,
  state VARCHAR(16) COLLATE utf8mb4_general_ci NOT NULL,
  level INT NOT NULL,
  PRIMARY KEY (device_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_general_ci WITH SYSTEM VERSIONING;

-- keyspace: main

CREATE TABLE country (
  code CHAR(2) COLLATE utf8mb4_general_ci NOT NULL,
  name VARCHAR(64) COLLATE utf8mb4_general_ci NOT NULL,
  continent ENUM('Africa', 'Asia', 'Europe', 'North America', 'Oceania', 'South America') NOT NULL,
  population BIGINT UNSIGNED NOT NULL,
  vat_rate DECIMAL(5, 2) NULL,
  PRIMARY KEY (code)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_general_ci;

CREATE TABLE promo (
  promo_id INT NOT NULL AUTO_INCREMENT,
  code VARCHAR(32) COLLATE utf8mb4_general_ci NOT NULL,
  percent_off DECIMAL(5, 2) NOT NULL,
  starts DATE NOT NULL,
  ends DATE NULL,
  max_uses INT UNSIGNED NULL,
  PRIMARY KEY (promo_id),
  UNIQUE KEY uniq_promo_code (code)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_general_ci AUTO_INCREMENT=1000;

-- Vitess-style sequences: one row (id 0); next_id is the next value to hand
-- out and cache the block size a router reserves at a time.
CREATE TABLE customer_seq (
  id INT NOT NULL,
  next_id BIGINT NOT NULL,
  cache BIGINT NOT NULL,
  PRIMARY KEY (id)
) ENGINE=InnoDB COMMENT 'vitess_sequence';
INSERT INTO customer_seq (id, next_id, cache) VALUES (0, 100000, 100);

CREATE TABLE corder_seq (
  id INT NOT NULL,
  next_id BIGINT NOT NULL,
  cache BIGINT NOT NULL,
  PRIMARY KEY (id)
) ENGINE=InnoDB COMMENT 'vitess_sequence';
INSERT INTO corder_seq (id, next_id, cache) VALUES (0, 500000, 100);

-- Lookup table of the corder_order_id vindex (order_id -> keyspace id). The
-- router maintains it; data.sql never writes it and no query reads it.
CREATE TABLE corder_keyspace_idx (
  order_id BIGINT NOT NULL,
  keyspace_id VARBINARY(10) NOT NULL,
  PRIMARY KEY (order_id)
) ENGINE=InnoDB;
