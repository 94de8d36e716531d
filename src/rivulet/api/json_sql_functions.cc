// to_json, from_json and schema_of_json as SQL functions, backed by the JSON format's column
// conversions. Registered at session start (they need the formats layer).
#include "rivulet/api/internal/dataframe_internal.h"
#include "rivulet/common/error.h"
#include "rivulet/common/options.h"
#include "rivulet/common/time/time_zone.h"
#include "rivulet/expr/eval_context.h"
#include "rivulet/expr/function_registry.h"
#include "rivulet/formats/json/json_functions.h"

namespace rivulet {

using expr::ExprPtr;

namespace {

Options optionsOf(const std::vector<ExprPtr>& args, size_t index) {
  Options options;
  if (args.size() > index) {
    const Value& v = args[index]->literal();
    for (size_t i = 0; i < v.children().size(); ++i) {
      options.set(v.children()[i].asString(), v.mapValues()[i].asString());
    }
  }
  return options;
}

const time::TimeZone& zoneOf(const expr::EvalContext& context) {
  static const time::TimeZonePtr fallback = time::TimeZone::systemDefault();
  return context.zone ? *context.zone : *fallback;
}

DataTypePtr schemaOf(const ExprPtr& arg) {
  if (arg->kind() != expr::ExprKind::kLiteral || arg->type()->id() != TypeId::kString) {
    throw AnalysisException("[INVALID_SCHEMA.NON_STRING_LITERAL] The input schema \"" + arg->prettyName() +
                                "\" must be a string literal.",
                            "INVALID_SCHEMA");
  }
  const std::string& text = arg->literal().asString();
  try {
    DataTypePtr type = parseDataType(text);
    if (type->id() == TypeId::kStruct || type->id() == TypeId::kArray || type->id() == TypeId::kMap) {
      return type;
    }
  } catch (const Error&) {
  }
  return parseSchemaDDL(text).asDataType();
}

}  // namespace

void registerJsonSqlFunctions() {
  expr::FunctionDef toJson;
  toJson.name = "to_json";
  toJson.resolve = [](const std::vector<ExprPtr>& args, const expr::Expression& call) {
    TypeId id = args.at(0)->type()->id();
    if (id != TypeId::kStruct && id != TypeId::kArray && id != TypeId::kMap) {
      throw AnalysisException("[DATATYPE_MISMATCH.INVALID_JSON_SCHEMA] Cannot resolve \"" + call.prettyName() +
                                  "\" due to data type mismatch: Input schema \"" + args[0]->type()->sql() +
                                  "\" must be a struct, an array or a map.",
                              "DATATYPE_MISMATCH");
    }
    return expr::ResolvedCall{args, DataType::string(), args[0]->nullable()};
  };
  toJson.eval = [](const std::vector<VectorPtr>& args, int64_t, expr::EvalContext& context,
                   const expr::Expression& call) {
    return json::structsToJson(*args[0], optionsOf(call.children(), 1), zoneOf(context));
  };
  expr::registerFunction(std::move(toJson));

  expr::FunctionDef fromJson;
  fromJson.name = "from_json";
  fromJson.resolve = [](const std::vector<ExprPtr>& args, const expr::Expression& call) {
    if (args.size() < 2) {
      throw AnalysisException("from_json needs a column and a schema", "WRONG_NUM_ARGS");
    }
    if (args[0]->type()->id() != TypeId::kString) {
      throw AnalysisException("[DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE] Cannot resolve \"" + call.prettyName() +
                                  "\" due to data type mismatch: the first parameter requires the \"STRING\" type, however \"" +
                                  args[0]->prettyName() + "\" has the type \"" + args[0]->type()->sql() + "\".",
                              "DATATYPE_MISMATCH");
    }
    return expr::ResolvedCall{args, schemaOf(args[1]), true};
  };
  fromJson.eval = [](const std::vector<VectorPtr>& args, int64_t, expr::EvalContext& context,
                     const expr::Expression& call) {
    return json::jsonToStructs(*args[0], call.type(), optionsOf(call.children(), 2), zoneOf(context));
  };
  expr::registerFunction(std::move(fromJson));
}

}  // namespace rivulet
