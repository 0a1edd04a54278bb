-- Differential correctness corpus: DML sequences with read-backs.
--
-- Run in order, in one session whose default keyspace is `commerce`, after
-- loading schema.sql and data.sql. These changes break rules queries.sql
-- relies on (e.g. a lower-case country code), so run queries.sql before this
-- file or on a fresh load. Each group starts with a
-- `-- group: NAME` line: statements that change data, each followed by
-- SELECTs reading the change back. Compare every statement's result (rows of
-- SELECTs as multisets unless ORDER BY; affected-row counts of DML) and
-- errors. Ids passed explicitly stay below the sequence starts; rows inserted
-- without an id take the next sequence value (customer 100000.., corder
-- 500000..), which equals the single server's AUTO_INCREMENT.

-- group: insert-explicit-ids
INSERT INTO customer (customer_id, name, email, country, tier, balance, signup_date) VALUES (90100, 'Nina Åberg', 'nina@example.com', 'SE', 'silver', -12, '2026-01-02'), (90101, 'NINA ABERG', NULL, 'se', 'gold', 9223372036854775807, '2026-01-03'), (90102, 'Ωmega 🎯', 'omega@example.com', NULL, 'bronze', 0, '2026-01-04');
SELECT customer_id, name, email, country, tier, balance, loyalty_points, signup_date FROM customer WHERE customer_id IN (90100, 90101, 90102);
SELECT customer_id, name FROM customer WHERE name = 'nina aberg' ORDER BY customer_id;
SELECT COUNT(*) FROM customer;

-- group: insert-sequence
INSERT INTO customer (name, country, balance, signup_date) VALUES ('Seq One', 'DE', 1, '2026-02-01');
SELECT LAST_INSERT_ID();
INSERT INTO customer (name, country, balance, signup_date) VALUES ('Seq Two', 'FR', 2, '2026-02-02'), ('Seq Three', 'FR', 3, '2026-02-03');
SELECT LAST_INSERT_ID();
SELECT customer_id, name, tier FROM customer WHERE customer_id >= 100000 ORDER BY customer_id;
SELECT customer_id, name FROM customer WHERE customer_id = 100001;
INSERT INTO corder (customer_id, status, total, currency, ordered_at) VALUES (100000, 'new', 10.50, 'EUR', '2026-02-01 10:00:00'), (42, 'paid', 99.99, 'usd', '2026-02-01 11:00:00');
SELECT LAST_INSERT_ID();
SELECT order_id, customer_id, status, total FROM corder WHERE order_id IN (500000, 500001);
SELECT order_id, customer_id FROM corder WHERE customer_id = 42 ORDER BY order_id;

-- group: insert-lookup
INSERT INTO corder (order_id, customer_id, status, total, currency, ordered_at) VALUES (400100, 11, 'new', 1.00, 'EUR', '2026-03-01 00:00:00'), (400101, 12, 'paid', 2.00, 'GBP', '2026-03-01 00:00:01'), (400102, 90100, 'new', 3.00, 'EUR', '2026-03-01 00:00:02');
SELECT order_id, customer_id, total FROM corder WHERE order_id = 400101;
SELECT order_id, customer_id FROM corder WHERE order_id IN (400100, 400102, 400103);
SELECT c.customer_id, o.order_id FROM customer c JOIN corder o ON o.customer_id = c.customer_id WHERE o.order_id IN (400100, 400101, 400102);
-- expect-error: 1062
INSERT INTO corder (order_id, customer_id, status, total, currency, ordered_at) VALUES (400100, 13, 'new', 1.00, 'EUR', '2026-03-02 00:00:00');
SELECT order_id, customer_id FROM corder WHERE order_id = 400100;

-- group: update-point
UPDATE customer SET rating = 4.875, tier = 'platinum' WHERE customer_id = 42;
SELECT customer_id, rating, tier FROM customer WHERE customer_id = 42;
UPDATE customer SET rating = rating WHERE customer_id = 42;
UPDATE customer SET credit_limit = NULL, last_login = '2026-04-01 12:34:56' WHERE customer_id IN (43, 44, 123456);
SELECT customer_id, credit_limit, last_login FROM customer WHERE customer_id IN (43, 44);
UPDATE corder SET status = 'shipped', shipped_on = '2026-04-02' WHERE order_id = 199;
SELECT order_id, customer_id, status, shipped_on FROM corder WHERE order_id = 199;
UPDATE order_line SET qty = qty + 1 WHERE order_id = 666 AND line_no = 1;
SELECT order_id, line_no, qty FROM order_line WHERE order_id = 666;

-- group: update-scatter
UPDATE customer SET loyalty_points = loyalty_points + 10 WHERE country = 'IS';
SELECT customer_id, loyalty_points FROM customer WHERE country = 'IS';
UPDATE corder SET note = 'audited' WHERE total < 0 AND status = 'cancelled';
SELECT COUNT(*) FROM corder WHERE note = 'AUDITED';
SELECT order_id FROM corder WHERE note = 'audited';
UPDATE customer SET tier = 'gold' WHERE name = 'jose';
SELECT customer_id, tier FROM customer WHERE name = 'JOSE';
UPDATE device_event SET tag = 'late' WHERE at >= '2024-03-03 00:00:00.000';
SELECT COUNT(*) FROM device_event WHERE tag = 'late';
UPDATE merchant SET commission = commission / 2 WHERE handle = 'ACME';
SELECT merchant_id, commission FROM merchant WHERE merchant_id <= 3;
UPDATE order_line SET discount = NULL WHERE discount = 2;
SELECT COUNT(*), COUNT(discount) FROM order_line;

-- group: delete
DELETE FROM order_line WHERE order_id = 3099 AND line_no = 5;
SELECT order_id, line_no FROM order_line WHERE order_id = 3099;
DELETE FROM customer WHERE customer_id IN (1, 2, 3, 123456);
SELECT customer_id FROM customer WHERE customer_id <= 5;
DELETE FROM device_event WHERE kind = 'shutdown' AND device_id < 1000;
SELECT kind, COUNT(*) FROM device_event WHERE device_id < 1000 GROUP BY kind;
DELETE FROM api_key WHERE key_bytes = 'KEY-1';
SELECT HEX(key_bytes) FROM api_key WHERE key_bytes IN ('Key-1', 'KEY-1', 'key-1');
DELETE FROM merchant WHERE handle = 'cafe-bleu';
SELECT merchant_id, handle FROM merchant WHERE merchant_id BETWEEN 1 AND 10;
DELETE FROM order_line WHERE order_id > 400000;
SELECT COUNT(*) FROM order_line WHERE order_id > 400000;
DELETE FROM corder WHERE customer_id = 90001;
SELECT COUNT(*) FROM corder WHERE customer_id > 90000;

-- group: delete-lookup
DELETE FROM corder WHERE order_id = 2169;
SELECT order_id, customer_id FROM corder WHERE order_id = 2169;
SELECT order_id FROM corder WHERE customer_id = 42 ORDER BY order_id;
INSERT INTO corder (order_id, customer_id, status, total, currency, ordered_at) VALUES (2169, 527, 'new', 21.69, 'EUR', '2026-05-01 00:00:00');
SELECT order_id, customer_id, total FROM corder WHERE order_id = 2169;
UPDATE corder SET total = total * 2 WHERE order_id = 2169;
SELECT order_id, total FROM corder WHERE order_id = 2169;

-- group: upsert
INSERT INTO customer (customer_id, name, balance, signup_date) VALUES (50, 'Dup Fifty', 5, '2026-06-01') ON DUPLICATE KEY UPDATE loyalty_points = loyalty_points + 1, rating = 1.5;
SELECT customer_id, name, loyalty_points, rating FROM customer WHERE customer_id = 50;
INSERT INTO customer (customer_id, name, balance, signup_date) VALUES (90110, 'New Ninety', 5, '2026-06-01') ON DUPLICATE KEY UPDATE loyalty_points = loyalty_points + 1;
SELECT customer_id, name, loyalty_points FROM customer WHERE customer_id = 90110;
INSERT IGNORE INTO customer (customer_id, name, balance, signup_date) VALUES (51, 'Ignored', 0, '2026-06-02'), (90111, 'Kept', 0, '2026-06-02');
SELECT customer_id, name FROM customer WHERE customer_id IN (51, 90111);
INSERT INTO product (sku, title, category, price, stock) VALUES ('SKU-0001', 'x', 'Books', 1.00, 1) ON DUPLICATE KEY UPDATE stock = stock + 100;
SELECT sku, stock FROM product WHERE sku = 'SKU-0001';

-- group: reference-table
INSERT INTO product (sku, title, category, price, weight_g, stock, released) VALUES ('SKU-0901', 'Piñata Deluxe 🎉', 'Toys', 19.99, 350, 5, '2026-07-01');
SELECT sku, title, price FROM product WHERE sku = 'SKU-0901';
UPDATE product SET price = price + 1 WHERE category = 'Music';
SELECT COUNT(*), SUM(price) FROM product WHERE category = 'Music';
SELECT p.category, SUM(l.qty * p.price) FROM order_line l JOIN product p ON p.sku = l.sku WHERE p.category = 'Music' GROUP BY p.category;
DELETE FROM product WHERE sku = 'SKU-0300';
SELECT COUNT(*) FROM order_line l JOIN product p ON p.sku = l.sku;

-- group: unsharded
INSERT INTO main.promo (code, percent_off, starts) VALUES ('SPRING-26', 12.50, '2026-03-20');
SELECT LAST_INSERT_ID();
SELECT promo_id, code, percent_off FROM main.promo WHERE code = 'spring-26';
UPDATE main.promo SET max_uses = 10 WHERE ends IS NULL;
SELECT promo_id, max_uses FROM main.promo WHERE ends IS NULL ORDER BY promo_id;
DELETE FROM main.promo WHERE promo_id < 5;
SELECT COUNT(*), MIN(promo_id) FROM main.promo;
INSERT INTO main.country (code, name, continent, population) VALUES ('XX', 'Nowhere', 'Oceania', 1);
SELECT c.customer_id, k.name FROM customer c JOIN main.country k ON k.code = c.country WHERE c.country = 'XX' ORDER BY c.customer_id, k.name;

-- group: insert-select
INSERT INTO order_line (order_id, line_no, sku, qty, unit_price, discount) SELECT order_id, line_no + 10, sku, qty, unit_price, discount FROM order_line WHERE order_id = 781;
SELECT order_id, line_no, sku, qty FROM order_line WHERE order_id = 781 ORDER BY line_no, order_id;
INSERT INTO device_event (device_id, event_no, kind, reading, at, tag) SELECT 18446744073709551615, event_no + 1000, kind, reading, at, 'copy' FROM device_event WHERE device_id = 0 AND event_no <= 5;
SELECT device_id, event_no, kind, tag FROM device_event WHERE device_id = 18446744073709551615 AND event_no > 1000 ORDER BY event_no, device_id;

-- group: sharded-on-text
INSERT INTO merchant (merchant_id, handle, display_name, category, commission, active, joined) VALUES (500, 'Crêpe-Noire', 'Crêpe Noire', 'grocery', 0.0100, 1, '2026-08-01'), (501, 'crepe-noire', 'crepe noire', 'grocery', 0.0200, 1, '2026-08-01');
SELECT merchant_id, handle FROM merchant WHERE handle = 'CREPE-NOIRE';
SELECT merchant_id FROM merchant WHERE handle IN ('crêpe-noire', 'acme') ORDER BY merchant_id;
INSERT INTO api_key (key_bytes, merchant_id, scope, created, calls) VALUES (X'00FF00', 500, 'read', '2026-08-01 00:00:00', 0), ('Crêpe', 501, 'admin', '2026-08-01 00:00:00', 18446744073709551615);
SELECT HEX(key_bytes), merchant_id, calls FROM api_key WHERE key_bytes IN (X'00FF00', 'Crêpe', 'crêpe');
UPDATE api_key SET calls = calls - 1 WHERE key_bytes = 'Crêpe';
SELECT calls FROM api_key WHERE key_bytes = 'Crêpe';

-- group: transaction-commit
BEGIN;
INSERT INTO customer (customer_id, name, country, balance, signup_date) VALUES (90120, 'Txn Customer', 'NO', 0, '2026-09-01');
INSERT INTO corder (order_id, customer_id, status, total, currency, ordered_at) VALUES (400120, 90120, 'new', 12.00, 'NOK', '2026-09-01 09:00:00');
INSERT INTO order_line (order_id, line_no, sku, qty, unit_price) VALUES (400120, 1, 'SKU-0005', 2, 6.00);
SELECT c.customer_id, o.order_id, l.line_no FROM customer c JOIN corder o ON o.customer_id = c.customer_id JOIN order_line l ON l.order_id = o.order_id WHERE c.customer_id = 90120;
COMMIT;
SELECT c.customer_id, o.order_id, l.line_no FROM customer c JOIN corder o ON o.customer_id = c.customer_id JOIN order_line l ON l.order_id = o.order_id WHERE c.customer_id = 90120;

-- group: transaction-rollback
BEGIN;
UPDATE customer SET balance = 0 WHERE customer_id = 60;
DELETE FROM order_line WHERE order_id = 666;
INSERT INTO customer (customer_id, name, balance, signup_date) VALUES (90130, 'Rolled Back', 0, '2026-09-02');
SELECT COUNT(*) FROM order_line WHERE order_id = 666;
ROLLBACK;
SELECT customer_id, balance FROM customer WHERE customer_id IN (60, 90130);
SELECT COUNT(*) FROM order_line WHERE order_id = 666;

-- group: system-versioning
INSERT INTO device_state (device_id, state, level) VALUES (1, 'on', 1), (2, 'on', 2), (255, 'off', 0), (4294967296, 'on', 7), (18446744073709551615, 'off', 3);
UPDATE device_state SET level = level + 10 WHERE device_id IN (1, 255);
UPDATE device_state SET state = 'standby' WHERE level > 5;
DELETE FROM device_state WHERE device_id = 2;
UPDATE device_state SET level = level - 1 WHERE device_id = 18446744073709551615;
SELECT device_id, state, level FROM device_state;
SELECT device_id, state, level FROM device_state FOR SYSTEM_TIME ALL;
SELECT device_id, COUNT(*) FROM device_state FOR SYSTEM_TIME ALL GROUP BY device_id;
SELECT state, level FROM device_state FOR SYSTEM_TIME ALL WHERE device_id = 1;
SELECT device_id, state, level FROM device_state FOR SYSTEM_TIME ALL WHERE device_id = 2;
SELECT COUNT(*) FROM device_state FOR SYSTEM_TIME AS OF TIMESTAMP '2000-01-01 00:00:00';
SELECT COUNT(*) FROM device_state FOR SYSTEM_TIME BETWEEN TIMESTAMP '2000-01-01 00:00:00' AND TIMESTAMP '2037-01-01 00:00:00';
SELECT COUNT(*) FROM device_state FOR SYSTEM_TIME FROM TIMESTAMP '2000-01-01 00:00:00' TO TIMESTAMP '2001-01-01 00:00:00';
SELECT device_id, level FROM device_state FOR SYSTEM_TIME ALL WHERE row_end < TIMESTAMP '2037-01-01 00:00:00';
SELECT d.device_id, d.level, e.kind FROM device_state FOR SYSTEM_TIME ALL AS d JOIN device_event AS e ON e.device_id = d.device_id AND e.event_no = 1 WHERE d.device_id = 255;
SELECT COUNT(*) FROM device_state FOR SYSTEM_TIME ALL WHERE device_id IN (1, 2, 255);

-- group: final-state
SELECT COUNT(*), SUM(balance), SUM(loyalty_points) FROM customer;
SELECT COUNT(*), SUM(total) FROM corder;
SELECT COUNT(*), SUM(qty) FROM order_line;
SELECT COUNT(*) FROM device_event;
SELECT COUNT(*), SUM(calls) FROM api_key;
SELECT COUNT(*) FROM merchant;
SELECT status, COUNT(*) FROM corder GROUP BY status;
SELECT COUNT(*) FROM device_state FOR SYSTEM_TIME ALL;
