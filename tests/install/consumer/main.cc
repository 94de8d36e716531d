#include <rivulet/rivulet.h>

#include <iostream>

using namespace rivulet;
using namespace rivulet::functions;

int main() {
  auto session = Session::builder().appName("consumer").getOrCreate();
  DataFrame df = session.range(5).select((col("id") * 2).alias("twice"));
  df.show();
  return df.count() == 5 ? 0 : 1;
}
