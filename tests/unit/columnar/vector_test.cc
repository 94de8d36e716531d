#include "rivulet/columnar/vector.h"

#include <gtest/gtest.h>

#include "rivulet/columnar/vector_builder.h"
#include "rivulet/columnar/vector_ops.h"
#include "rivulet/types/value_format.h"

namespace rivulet {
namespace {

TEST(VectorTest, BuildsAndReadsPrimitivesWithNulls) {
  VectorBuilder b(DataType::integer());
  for (int i = 0; i < 100; ++i) {
    if (i % 7 == 0) {
      b.appendNull();
    } else {
      b.appendInt(i);
    }
  }
  auto v = b.finish();
  ASSERT_EQ(v->size(), 100);
  EXPECT_EQ(v->nullCount(), 15);
  EXPECT_TRUE(v->isNull(0));
  EXPECT_EQ(v->values<int32_t>()[99], 99);
  std::vector<int32_t> idx = {99, 0, 5};
  auto g = gather(*v, idx.data(), 3);
  EXPECT_EQ(valueAt(*g, 0), Value::integer(99));
  EXPECT_TRUE(valueAt(*g, 1).isNull());
  EXPECT_EQ(valueAt(*g, 2), Value::integer(5));
}

TEST(VectorTest, NestedRoundTrip) {
  auto type = DataType::structType({{"name", DataType::string(), true},
                                    {"tags", DataType::array(DataType::string()), true},
                                    {"m", DataType::map(DataType::string(), DataType::longType()), true}});
  std::vector<Value> values = {
      Value::structValue({Value::string("a"), Value::array({Value::string("x"), Value()}),
                          Value::map({Value::string("k")}, {Value::integer(1)})}),
      Value(),
      Value::structValue({Value(), Value::array({}), Value()}),
  };
  auto v = vectorFromValues(type, values);
  ASSERT_EQ(v->size(), 3);
  for (size_t i = 0; i < values.size(); ++i) {
    EXPECT_EQ(valueAt(*v, static_cast<int64_t>(i)), values[i]) << i;
  }
  EXPECT_EQ(formatValue(valueAt(*v, 0), *type, {}), "{a, [x, null], {k -> 1}}");
  auto both = concat({v, v});
  EXPECT_EQ(both->size(), 6);
  EXPECT_EQ(valueAt(*both, 3), values[0]);
}

TEST(VectorTest, ConstantAndSlice) {
  auto c = constantVector(DataType::string(), Value::string("ab"), 5);
  auto s = slice(*c, 1, 3);
  EXPECT_EQ(s->size(), 3);
  EXPECT_EQ(s->stringAt(2), "ab");
  auto n = constantVector(DataType::longType(), Value(), 3);
  EXPECT_EQ(n->nullCount(), 3);
}

}  // namespace
}  // namespace rivulet
