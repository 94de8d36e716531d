#include "rivulet/expr/expression_resolver.h"

#include <strings.h>

#include "rivulet/common/error.h"
#include "rivulet/expr/function_registry.h"
#include "rivulet/expr/type_coercion.h"

namespace rivulet::expr {

namespace {

bool sameName(const std::string& a, const std::string& b) {
  return a.size() == b.size() && strncasecmp(a.data(), b.data(), a.size()) == 0;
}

std::string candidates(const std::vector<ExprPtr>& input) {
  std::string s = "[";
  for (size_t i = 0; i < input.size(); ++i) {
    if (i > 0) {
      s += ", ";
    }
    s += "`" + input[i]->name() + "`";
  }
  return s + "]";
}

ExprPtr resolveAttribute(const std::string& name, const std::vector<ExprPtr>& input) {
  std::vector<ExprPtr> matches;
  for (const auto& a : input) {
    if (sameName(a->name(), name)) {
      matches.push_back(a);
    }
  }
  if (matches.size() == 1) {
    return matches[0];
  }
  if (matches.size() > 1) {
    throw AnalysisException("[AMBIGUOUS_REFERENCE] Reference `" + name +
                                "` is ambiguous, could be: " + candidates(matches) + ".",
                            "AMBIGUOUS_REFERENCE");
  }
  // a.b: a struct field of column a.
  auto dot = name.find('.');
  if (dot != std::string::npos) {
    std::string head = name.substr(0, dot);
    for (const auto& a : input) {
      if (sameName(a->name(), head) && a->type()->id() == TypeId::kStruct) {
        ExprPtr current = a;
        std::string rest = name.substr(dot + 1);
        while (!rest.empty()) {
          auto next = rest.find('.');
          std::string field = rest.substr(0, next);
          current = resolveCall(Expression::call(
              "get_field", {current, Expression::literal(Value::string(field), DataType::string())}));
          rest = next == std::string::npos ? "" : rest.substr(next + 1);
        }
        return current;
      }
    }
  }
  throw AnalysisException("[UNRESOLVED_COLUMN.WITH_SUGGESTION] A column or function parameter with name `" +
                              name + "` cannot be resolved. Did you mean one of the following? " +
                              candidates(input) + ".",
                          "UNRESOLVED_COLUMN.WITH_SUGGESTION");
}

}  // namespace

ExprPtr resolveCall(const ExprPtr& call) {
  const FunctionDef& def = getFunction(call->name());
  ResolvedCall r = def.resolve(call->children(), *call);
  return call->withChildren(std::move(r.args))->withType(r.type, r.nullable);
}

ExprPtr resolveExpression(const ExprPtr& e, const std::vector<ExprPtr>& input) {
  return transformUp(e, [&](const ExprPtr& node) -> ExprPtr {
    switch (node->kind()) {
      case ExprKind::kUnresolvedAttribute:
        return resolveAttribute(node->name(), input);
      case ExprKind::kCall:
        if (node->type()) {
          return nullptr;
        }
        return resolveCall(node);
      case ExprKind::kCast: {
        const auto& from = node->child(0)->type();
        if (!canCast(*from, *node->type())) {
          throw AnalysisException("[DATATYPE_MISMATCH.CAST_WITHOUT_SUGGESTION] Cannot resolve \"" +
                                      node->prettyName() + "\" due to data type mismatch: cannot cast \"" +
                                      from->sql() + "\" to \"" + node->type()->sql() + "\".",
                                  "DATATYPE_MISMATCH");
        }
        return node->withType(node->type(), true);
      }
      default:
        return nullptr;
    }
  });
}

ExprPtr bindReferences(const ExprPtr& e, const std::vector<ExprPtr>& input) {
  return transformUp(e, [&](const ExprPtr& node) -> ExprPtr {
    if (node->kind() != ExprKind::kAttribute) {
      return nullptr;
    }
    for (size_t i = 0; i < input.size(); ++i) {
      if (input[i]->exprId() == node->exprId()) {
        return Expression::bound(static_cast<int>(i), node->type(), node->nullable(), node->name());
      }
    }
    throwInternalError("Couldn't find " + node->toString() + " in the input of the operator");
  });
}

ExprPtr toAttribute(const ExprPtr& named) {
  if (named->kind() == ExprKind::kAttribute) {
    return named;
  }
  if (named->kind() == ExprKind::kAlias) {
    return Expression::attribute(named->name(), named->type(), named->nullable(), named->exprId());
  }
  throwInternalError("not a named expression: " + named->toString());
}

ExprPtr ensureNamed(const ExprPtr& e) {
  if (e->kind() == ExprKind::kAttribute || e->kind() == ExprKind::kAlias) {
    return e;
  }
  // A struct field (col("v.timestamp"), col("v").getField("timestamp")) is named after the field.
  if (e->kind() == ExprKind::kCall && e->name() == "get_field" && e->children().size() == 2 &&
      e->child(1)->kind() == ExprKind::kLiteral) {
    return Expression::alias(e, e->child(1)->literal().asString());
  }
  return Expression::alias(e, e->prettyName());
}

bool containsAggregate(const ExprPtr& e) {
  return anyNode(e, [](const Expression& n) {
    if (n.kind() != ExprKind::kCall) {
      return false;
    }
    const FunctionDef* def = findFunction(n.name());
    return def != nullptr && def->aggregate;
  });
}

bool isFoldable(const ExprPtr& e) {
  return !anyNode(e, [](const Expression& n) {
    if (n.kind() == ExprKind::kAttribute || n.kind() == ExprKind::kBound ||
        n.kind() == ExprKind::kUnresolvedAttribute || n.kind() == ExprKind::kStar) {
      return true;
    }
    if (n.kind() == ExprKind::kCall) {
      const FunctionDef* def = findFunction(n.name());
      return def == nullptr || !def->deterministic || def->aggregate || !def->foldable;
    }
    return false;
  });
}

}  // namespace rivulet::expr
