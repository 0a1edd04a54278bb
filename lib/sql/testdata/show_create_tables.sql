-- Tables for //lib/sql:show_create_test, one statement per line: each is
-- created on MariaDB, its SHOW CREATE TABLE output must parse typed, round
-- trip, and recreate the same table when the canonical form is executed.
create table ints (a tinyint, b smallint unsigned, c mediumint zerofill, d int(5) not null default 7, e bigint unsigned auto_increment primary key, f bit(3) default b'101', g bool default true)
create table nums (a decimal(10,2) default 1.50, b float(7,3), c double precision, d real unsigned, e numeric(5), f float default -1e3)
create table strs (a char(3) binary, b varchar(20) character set latin1 collate latin1_bin default 'x''y', c text charset utf8mb4, d tinytext, e mediumtext, f longtext, g binary(4), h varbinary(10) default 0x4142, i enum('a','b','c''d') default 'b', j set('x','y') not null default '')
create table blobs (a blob, b tinyblob, c mediumblob, d longblob, e json, f varchar(100) compressed, g blob compressed default null)
create table times (a date default '2020-01-01', b time(3), c datetime(6) default current_timestamp(6) on update current_timestamp(6), d timestamp not null default current_timestamp, e year, f datetime default (now() + interval 1 day))
create table geo (g geometry not null, p point, l linestring, pg polygon, mp multipoint, ml multilinestring, mpg multipolygon, gc geometrycollection, spatial key sg (g))
create table mdb (u uuid, i6 inet6, i4 inet4 default '1.2.3.4', x int invisible default 3)
create table gen (a int, b int as (a * 2) virtual, c int generated always as (a + 1) stored, d varchar(10) as (concat(a, 'x')) persistent, key kc (c))
create table idx (id int not null, a int, b varchar(50), c text, primary key (id) comment 'pk', unique key ua (a), key kb (b(10) desc, a) using btree, fulltext key fc (c), key kh (a) using hash, key ki (b) ignored)
create table fkp (id int primary key, x int, unique key (x))
create table fkc (id int, p int, q int, constraint fk1 foreign key (p) references fkp (id) on delete cascade on update set null, foreign key (q) references fkp (x) on delete restrict, key (q))
create table chk (a int check (a > 0), b int, c int, constraint cb check (b between 1 and 10), check (c is null or c <> a))
create table opts (a int) engine=InnoDB auto_increment=100 default charset=latin1 collate=latin1_german1_ci comment='opts table' row_format=compressed stats_persistent=1 pack_keys=1 checksum=1 max_rows=1000 min_rows=10 avg_row_length=50 key_block_size=8
create table myi (a int, b int, key (a, b)) engine=MyISAM delay_key_write=1 checksum=1
create table ari (a int) engine=Aria transactional=1 page_checksum=1
create table mem (a int, key using hash (a)) engine=MEMORY
create table enc (a int) page_compressed=1 page_compression_level=3
create table ver (a int, b int without system versioning) with system versioning
create table ver2 (id int, rs timestamp(6) generated always as row start invisible, re timestamp(6) generated always as row end invisible, period for system_time (rs, re)) with system versioning
create table per (id int, s date, e date, period for p (s, e), unique (id, p without overlaps))
create table parth (a int not null, b int) partition by hash (a) partitions 4
create table partk (a int not null primary key) partition by linear key (a) partitions 3
create table partr (a int, d date) partition by range (year(d)) (partition p0 values less than (2000), partition p1 values less than (2010) comment 'x', partition p2 values less than maxvalue)
create table partl (a int) partition by list (a) (partition p0 values in (1, 2, 3), partition p1 values in (4, 5))
create table partc (a int, b varchar(5)) partition by range columns (a, b) (partition p0 values less than (5, 'm'), partition p1 values less than (maxvalue, maxvalue))
create table parts (a int, d date) partition by range (year(d)) subpartition by hash (to_days(d)) subpartitions 2 (partition p0 values less than (1990), partition p1 values less than maxvalue)
create table partv (a int) with system versioning partition by system_time interval 1 month (partition p0 history, partition pn current)
create table quoted (`select` int, `from` varchar(5) comment 'reserved', `a b` int, `x``y` int, `ümlaut` int, primary key (`select`))
create table dflt (a varchar(10) default '', b int default null, c double default 0, d char(1) default 'N' not null, e varchar(36) default uuid(), f int default (1 + 2), g text default 'long text')
create table autoinc (id bigint unsigned not null auto_increment, n varchar(5), primary key (id), key (n)) auto_increment=5
create table serial_t (id serial, v int)
create table ucs (a varchar(10) character set ucs2, b text character set utf8mb3 collate utf8mb3_unicode_ci, c char(2) character set ascii)
create table tsd (a timestamp null default null, b timestamp(3) not null default current_timestamp(3))
create table cmt (a int comment 'it''s a \"col\"', b int comment '') comment 'table\\comment'
create table seqd (a int default nextval(s1))
create sequence sq1 start with 10 increment by 5 minvalue 1 maxvalue 1000 cache 20 cycle
create sequence sq2 minvalue = -100 no maxvalue start = -3 increment = -2 nocache nocycle engine=Aria comment='seq'
create sequence sq3 nominvalue nomaxvalue
