// The statements of parser_benchmark and parser_instr.
#ifndef TESSERA_LIB_SQL_PARSER_CASES_H_
#define TESSERA_LIB_SQL_PARSER_CASES_H_

#include <string>

namespace tessera::sql::bench {

inline constexpr const char* kShort =
    "select 'abcd', 20, 30.0, eid from a where 1=eid and name='3'";

inline constexpr const char* kWide =
    "select u.id, u.name, u.email, o.id as order_id, o.total, o.created_at, "
    "count(i.id) as items, sum(i.price * i.qty) as amount, max(i.price), "
    "min(i.price), avg(i.qty), p.name as product, c.name as category, "
    "coalesce(o.note, '') as note, if(o.paid, 'yes', 'no') as paid "
    "from users as u join orders as o on o.user_id = u.id "
    "left join items as i on i.order_id = o.id "
    "join products as p on p.id = i.product_id "
    "left join categories as c on c.id = p.category_id "
    "where u.status = 'active' and o.created_at >= '2024-01-01' "
    "and o.total between 10 and 1000 "
    "group by u.id, o.id having count(i.id) > 1 "
    "order by amount desc, o.created_at limit 50 offset 100";

inline std::string Insert100() {
  std::string s = "insert into t (id, name, price, qty, note) values ";
  for (int i = 0; i < 100; ++i) {
    if (i > 0) s += ", ";
    s += "(" + std::to_string(i) + ", 'name " + std::to_string(i) +
         "', 12.50, 3, null)";
  }
  return s;
}

}  // namespace tessera::sql::bench

#endif  // TESSERA_LIB_SQL_PARSER_CASES_H_
