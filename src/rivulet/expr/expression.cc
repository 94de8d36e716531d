#include "rivulet/expr/expression.h"

#include <atomic>

#include "rivulet/expr/function_registry.h"
#include "rivulet/types/value_format.h"

namespace rivulet::expr {

int64_t newExprId() {
  static std::atomic<int64_t> next{0};
  return next.fetch_add(1);
}

class ExpressionBuilder {
 public:
  static std::shared_ptr<Expression> make(ExprKind kind) {
    auto e = std::make_shared<Expression>();
    e->kind_ = kind;
    return e;
  }

  static Expression& mut(const std::shared_ptr<Expression>& e) { return *e; }

  static void setName(Expression& e, std::string n) { e.name_ = std::move(n); }
  static void setChildren(Expression& e, std::vector<ExprPtr> c) { e.children_ = std::move(c); }
  static void setType(Expression& e, DataTypePtr t, bool nullable) {
    e.type_ = std::move(t);
    e.nullable_ = nullable;
  }
  static void setId(Expression& e, int64_t id) { e.exprId_ = id; }
  static void setOrdinal(Expression& e, int o) { e.ordinal_ = o; }
  static void setLiteral(Expression& e, Value v) { e.literal_ = std::move(v); }
  static void setFlags(Expression& e, bool a, bool b) {
    e.flag1_ = a;
    e.flag2_ = b;
  }
};

using B = ExpressionBuilder;

ExprPtr Expression::unresolvedAttribute(std::string name) {
  auto e = B::make(ExprKind::kUnresolvedAttribute);
  B::setName(*e, std::move(name));
  return e;
}

ExprPtr Expression::star(std::string qualifier) {
  auto e = B::make(ExprKind::kStar);
  B::setName(*e, std::move(qualifier));
  return e;
}

ExprPtr Expression::attribute(std::string name, DataTypePtr type, bool nullable, int64_t exprId) {
  auto e = B::make(ExprKind::kAttribute);
  B::setName(*e, std::move(name));
  B::setType(*e, std::move(type), nullable);
  B::setId(*e, exprId);
  return e;
}

ExprPtr Expression::bound(int ordinal, DataTypePtr type, bool nullable, std::string name) {
  auto e = B::make(ExprKind::kBound);
  B::setName(*e, std::move(name));
  B::setType(*e, std::move(type), nullable);
  B::setOrdinal(*e, ordinal);
  return e;
}

ExprPtr Expression::literal(Value value, DataTypePtr type) {
  auto e = B::make(ExprKind::kLiteral);
  bool isNull = value.isNull();
  B::setLiteral(*e, std::move(value));
  B::setType(*e, std::move(type), isNull);
  return e;
}

ExprPtr Expression::alias(ExprPtr child, std::string name, int64_t exprId) {
  auto e = B::make(ExprKind::kAlias);
  B::setName(*e, std::move(name));
  if (child->resolved()) {
    B::setType(*e, child->type(), child->nullable());
  }
  B::setChildren(*e, {std::move(child)});
  B::setId(*e, exprId == 0 ? newExprId() : exprId);
  return e;
}

ExprPtr Expression::call(std::string name, std::vector<ExprPtr> args, bool distinct) {
  auto e = B::make(ExprKind::kCall);
  B::setName(*e, std::move(name));
  B::setChildren(*e, std::move(args));
  B::setFlags(*e, distinct, false);
  return e;
}

ExprPtr Expression::cast(ExprPtr child, DataTypePtr target) {
  auto e = B::make(ExprKind::kCast);
  bool nullable = child->nullable();
  B::setChildren(*e, {std::move(child)});
  B::setType(*e, std::move(target), true);
  (void)nullable;
  return e;
}

ExprPtr Expression::sortOrder(ExprPtr child, bool ascending, bool nullsFirst) {
  auto e = B::make(ExprKind::kSortOrder);
  if (child->resolved()) {
    B::setType(*e, child->type(), child->nullable());
  }
  B::setChildren(*e, {std::move(child)});
  B::setFlags(*e, ascending, nullsFirst);
  return e;
}

ExprPtr Expression::withChildren(std::vector<ExprPtr> children) const {
  auto e = std::make_shared<Expression>(*this);
  B::setChildren(*e, std::move(children));
  if ((kind_ == ExprKind::kAlias || kind_ == ExprKind::kSortOrder) && e->children_[0]->resolved()) {
    B::setType(*e, e->children_[0]->type(), e->children_[0]->nullable());
  }
  return e;
}

ExprPtr Expression::withType(DataTypePtr type, bool nullable) const {
  auto e = std::make_shared<Expression>(*this);
  B::setType(*e, std::move(type), nullable);
  return e;
}

ExprPtr Expression::withLiteral(Value value) const {
  auto e = std::make_shared<Expression>(*this);
  B::setLiteral(*e, std::move(value));
  return e;
}

namespace {

std::string render(const Expression& e, bool pretty);

std::string joinArgs(const Expression& e, bool pretty) {
  std::string s;
  for (size_t i = 0; i < e.children().size(); ++i) {
    if (i > 0) {
      s += ", ";
    }
    s += render(*e.child(i), pretty);
  }
  return s;
}

std::string renderCall(const Expression& e, bool pretty) {
  const FunctionDef* def = findFunction(e.name());
  PrintStyle style = def ? def->style : PrintStyle::kPrefix;
  const std::string& name = def ? def->name : e.name();
  switch (style) {
    case PrintStyle::kInfix:
      return "(" + render(*e.child(0), pretty) + " " + def->symbol + " " + render(*e.child(1), pretty) + ")";
    case PrintStyle::kUnary:
      return "(" + def->symbol + " " + render(*e.child(0), pretty) + ")";
    case PrintStyle::kPostfix:
      return "(" + render(*e.child(0), pretty) + " " + def->symbol + ")";
    case PrintStyle::kCustom:
      if (name == "element_at_index") {
        return render(*e.child(0), pretty) + "[" + render(*e.child(1), pretty) + "]";
      }
      if (name == "get_field") {
        return render(*e.child(0), pretty) + "." + e.child(1)->literal().asString();
      }
      if (name == "like" || name == "rlike") {
        return render(*e.child(0), pretty) + (name == "like" ? " LIKE " : " RLIKE ") +
               render(*e.child(1), pretty);
      }
      if (name == "in") {
        std::string s = "(" + render(*e.child(0), pretty) + " IN (";
        for (size_t i = 1; i < e.children().size(); ++i) {
          s += (i > 1 ? "," : "") + render(*e.child(i), pretty);
        }
        return s + "))";
      }
      if (name == "casewhen") {
        std::string s = "CASE";
        size_t n = e.children().size();
        for (size_t i = 0; i + 1 < n; i += 2) {
          s += " WHEN " + render(*e.child(i), pretty) + " THEN " + render(*e.child(i + 1), pretty);
        }
        if (n % 2 == 1) {
          s += " ELSE " + render(*e.child(n - 1), pretty);
        }
        return s + " END";
      }
      [[fallthrough]];
    case PrintStyle::kPrefix:
    default:
      return name + "(" + (e.distinct() ? "DISTINCT " : "") + joinArgs(e, pretty) + ")";
  }
}

std::string render(const Expression& e, bool pretty) {
  switch (e.kind()) {
    case ExprKind::kUnresolvedAttribute: return pretty ? e.name() : "'" + e.name();
    case ExprKind::kStar: return e.name().empty() ? "*" : e.name() + ".*";
    case ExprKind::kAttribute:
      if (pretty) {
        return e.name();
      }
      return e.name() + "#" + std::to_string(e.exprId()) +
             (e.type() && e.type()->id() == TypeId::kLong ? "L" : "");
    case ExprKind::kBound: return "input[" + std::to_string(e.ordinal()) + "]";
    case ExprKind::kLiteral:
      if (e.literal().isNull()) {
        return "null";
      }
      return e.type() ? formatValue(e.literal(), *e.type(), ValueFormatOptions{})
                      : formatValueUntyped(e.literal());
    case ExprKind::kAlias:
      if (pretty) {
        return e.name();
      }
      return render(*e.child(0), pretty) + " AS " + e.name() + "#" + std::to_string(e.exprId()) +
             (e.type() && e.type()->id() == TypeId::kLong ? "L" : "");
    case ExprKind::kCall: return renderCall(e, pretty);
    case ExprKind::kCast:
      return pretty ? "CAST(" + render(*e.child(0), pretty) + " AS " + e.type()->sql() + ")"
                    : "cast(" + render(*e.child(0), pretty) + " as " + e.type()->simpleString() + ")";
    case ExprKind::kSortOrder:
      return render(*e.child(0), pretty) + (e.ascending() ? " ASC" : " DESC") +
             (e.nullsFirst() ? " NULLS FIRST" : " NULLS LAST");
  }
  return "?";
}

}  // namespace

std::string Expression::toString() const { return render(*this, false); }

std::string Expression::prettyName() const { return render(*this, true); }

bool Expression::semanticEquals(const Expression& other) const {
  if (kind_ != other.kind_ || name_ != other.name_ || exprId_ != other.exprId_ ||
      ordinal_ != other.ordinal_ || flag1_ != other.flag1_ || flag2_ != other.flag2_ ||
      !(literal_ == other.literal_) || children_.size() != other.children_.size()) {
    return false;
  }
  if ((type_ == nullptr) != (other.type_ == nullptr) || (type_ && !type_->equals(*other.type_))) {
    return false;
  }
  for (size_t i = 0; i < children_.size(); ++i) {
    if (!children_[i]->semanticEquals(*other.children_[i])) {
      return false;
    }
  }
  return true;
}

}  // namespace rivulet::expr
