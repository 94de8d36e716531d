#include "rivulet/expr/function_registry.h"

#include <strings.h>

#include <mutex>
#include <unordered_map>

#include "rivulet/common/error.h"

namespace rivulet::expr {

namespace {

std::string lowerCase(const std::string& s) {
  std::string out = s;
  for (auto& c : out) {
    c = static_cast<char>(tolower(static_cast<unsigned char>(c)));
  }
  return out;
}

std::unordered_map<std::string, FunctionDef>& registry() {
  static std::unordered_map<std::string, FunctionDef> functions;
  return functions;
}

}  // namespace

void registerFunction(FunctionDef def) {
  std::string key = lowerCase(def.name);
  registry()[key] = std::move(def);
}

const FunctionDef* findFunction(const std::string& name) {
  registerBuiltinFunctions();
  auto it = registry().find(lowerCase(name));
  return it == registry().end() ? nullptr : &it->second;
}

const FunctionDef& getFunction(const std::string& name) {
  const FunctionDef* def = findFunction(name);
  if (def == nullptr) {
    throw AnalysisException("[UNRESOLVED_ROUTINE] Cannot resolve function `" + name +
                                "` on search path [`system`.`builtin`].",
                            "UNRESOLVED_ROUTINE");
  }
  return *def;
}

void registerBuiltinFunctions() {
  static std::once_flag once;
  std::call_once(once, [] {
    registerArithmeticFunctions();
    registerComparisonFunctions();
    registerLogicalFunctions();
    registerStringFunctions();
    registerCollectionFunctions();
    registerConditionalFunctions();
    registerMiscFunctions();
    registerAggregateFunctions();
  });
}

}  // namespace rivulet::expr
