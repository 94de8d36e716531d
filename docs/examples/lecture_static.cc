#include <iostream>
#include <rivulet/rivulet.h>
using namespace rivulet;
using namespace rivulet::functions;

int main() {
  auto session = Session::builder().appName("lecture").getOrCreate();
  DataFrame airports = session.read()
      .options({{"header", "true"}, {"inferSchema", "true"}})
      .csv("datasets/airport-codes.csv");
  airports.printSchema();
  airports.show(1, 100, /*vertical=*/true);
  std::vector<Row> rows = airports.select(col("ident")).limit(200).distinct().collect();
  std::vector<Column> lits;
  for (const Row& r : rows) lits.push_back(lit(r.getString(0)));
  DataFrame withIdent = airports.withColumn("pick", shuffle(array(lits))[0]);
  withIdent.select(col("ident"), col("pick")).show(3);
  for (const auto& line : airports.limit(3).toJSON().collectAsStrings()) std::cout << line << "\n";
  std::cout << airports.filter(col("ident").startsWith("00")).count() << "\n";
  airports.explain(true);
}
