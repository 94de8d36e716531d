// A parser for the simple SQL expressions of selectExpr and filter(String):
// identifiers, literals, * , arithmetic, comparisons, AND/OR/NOT, IS [NOT] NULL, function calls,
// CAST(x AS type) and "AS alias".
#pragma once

#include <memory>
#include <string>

namespace rivulet {

namespace expr {
class Expression;
}

std::shared_ptr<const expr::Expression> parseSqlExpression(const std::string& text);

}  // namespace rivulet
