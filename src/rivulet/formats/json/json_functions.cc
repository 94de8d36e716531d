#include "rivulet/formats/json/json_functions.h"

#include "rivulet/common/error.h"
#include "rivulet/formats/json/json_column_builder.h"
#include "rivulet/formats/json/json_generator.h"
#include "rivulet/formats/json/json_options.h"
#include "rivulet/formats/json/json_record_parser.h"
#include "rivulet/formats/json/json_schema.h"
#include "rivulet/formats/json/json_schema_inferrer.h"

namespace rivulet::json {

namespace {

[[noreturn]] void throwMalformedRow(int64_t row, const std::string& cause) {
  Error e(ErrorKind::kUser, "MALFORMED_RECORD_IN_PARSING",
          "Malformed records are detected in record parsing. Parse Mode: FAILFAST. To process "
          "malformed records as null result, try setting the option 'mode' as 'PERMISSIVE'. "
          "Cause: " +
              (cause.empty() ? std::string("malformed JSON") : cause));
  e.addContext("from_json row " + std::to_string(row));
  throw e;
}

bool isBlank(std::string_view s) {
  for (char c : s) {
    if (c != ' ' && c != '\t' && c != '\r' && c != '\n') {
      return false;
    }
  }
  return true;
}

}  // namespace

VectorPtr structsToJson(const Vector& input, const Options& options, const time::TimeZone& zone) {
  TypeId id = input.typeId();
  if (id != TypeId::kStruct && id != TypeId::kMap && id != TypeId::kArray) {
    throw AnalysisException("to_json requires a struct, map or array input, not " +
                                input.type()->simpleString(),
                            "DATATYPE_MISMATCH.INVALID_JSON_SCHEMA");
  }
  JsonOptions o = JsonOptions::parse(options);
  JsonGenerator generator(o, zone);
  ColumnBuilder out(DataType::string());
  std::string text;
  for (int64_t row = 0; row < input.size(); ++row) {
    if (input.isNull(row)) {
      out.appendNull();
      continue;
    }
    text.clear();
    generator.writeValue(input, row, text);
    out.appendBytes(text);
  }
  return out.finish();
}

VectorPtr batchToJson(const Batch& batch,
                      const StructType& schema,
                      const Options& options,
                      const time::TimeZone& zone) {
  if (batch.numColumns() != schema.size()) {
    throwInternalError("batchToJson: the batch has " + std::to_string(batch.numColumns()) +
                       " columns but the schema " + std::to_string(schema.size()));
  }
  JsonOptions o = JsonOptions::parse(options);
  JsonGenerator generator(o, zone);
  ColumnBuilder out(DataType::string());
  std::string text;
  for (int64_t row = 0; row < batch.numRows(); ++row) {
    text.clear();
    generator.writeObject(batch.columns(), schema.fields(), row, text);
    out.appendBytes(text);
  }
  return out.finish();
}

VectorPtr jsonToStructs(const Vector& strings,
                        const DataTypePtr& type,
                        const Options& options,
                        const time::TimeZone& zone) {
  if (strings.typeId() != TypeId::kString && strings.typeId() != TypeId::kBinary) {
    throw AnalysisException("from_json requires a string input, not " +
                            strings.type()->simpleString());
  }
  TypeId id = type->id();
  if (id != TypeId::kStruct && id != TypeId::kMap && id != TypeId::kArray) {
    throw AnalysisException("from_json requires a struct, map or array schema, not " +
                                type->simpleString(),
                            "DATATYPE_MISMATCH.INVALID_JSON_SCHEMA");
  }
  JsonOptions o = JsonOptions::parse(options);
  if (o.mode == ParseMode::kDropMalformed) {
    throw AnalysisException(
        "from_json() doesn't support the DROPMALFORMED mode. Acceptable modes are PERMISSIVE "
        "and FAILFAST.",
        "PARSE_MODE_UNSUPPORTED");
  }
  // A struct schema may carry the corrupt-record column, which is filled rather than parsed.
  int corruptIndex = -1;
  DataTypePtr parseType = type;
  if (id == TypeId::kStruct) {
    std::vector<StructField> fields;
    for (size_t i = 0; i < type->fields().size(); ++i) {
      const StructField& f = type->fields()[i];
      if (f.name == o.columnNameOfCorruptRecord && f.type->id() == TypeId::kString) {
        corruptIndex = static_cast<int>(i);
      } else {
        fields.push_back(f);
      }
    }
    if (corruptIndex >= 0) {
      parseType = DataType::structType(std::move(fields));
    }
  }
  JsonRecordParser parser(parseType, o, zone);
  ColumnBuilder& root = parser.root();
  ColumnBuilder corrupt(DataType::string());
  for (int64_t row = 0; row < strings.size(); ++row) {
    std::string_view text = strings.isNull(row) ? std::string_view() : strings.stringAt(row);
    if (strings.isNull(row) || isBlank(text)) {
      root.appendNull();
      corrupt.appendNull();
      continue;
    }
    int64_t before = root.size();
    RecordResult r = parser.parse(text, text.size(), true);
    if (r.status != RecordStatus::kOk && o.mode == ParseMode::kFailFast) {
      throwMalformedRow(row, parser.error());
    }
    if (r.status == RecordStatus::kMalformed) {
      if (id == TypeId::kStruct) {
        parser.appendNullRow();
      } else {
        root.appendNull();
      }
      corrupt.appendBytes(text);
    } else if (root.size() == before) {
      // `[]` for a struct schema: no row.
      root.appendNull();
      corrupt.appendNull();
    } else if (r.status == RecordStatus::kPartial) {
      corrupt.appendBytes(text);
    } else {
      corrupt.appendNull();
    }
  }
  VectorPtr parsed = root.finish();
  if (corruptIndex < 0) {
    return parsed;
  }
  VectorPtr corruptColumn = corrupt.finish();
  auto result = Vector::make(type, 0);
  std::vector<VectorPtr> children = parsed->children();
  children.insert(children.begin() + corruptIndex, corruptColumn);
  result->children() = std::move(children);
  result->resize(parsed->size());
  for (int64_t row = 0; row < parsed->size(); ++row) {
    if (parsed->isNull(row)) {
      result->setNull(row, true);
    }
  }
  return result;
}

DataTypePtr inferJsonSchema(std::string_view json,
                            const Options& options,
                            const time::TimeZone& zone) {
  JsonOptions o = JsonOptions::parse(options);
  JsonSchemaInferrer inferrer(o, zone);
  bool malformed = false;
  DataTypePtr t = inferrer.infer(json, json.size(), &malformed);
  if (malformed) {
    throwUserError("MALFORMED_RECORD_IN_PARSING",
                   "Cannot infer the schema of a malformed JSON string: " + inferrer.error());
  }
  if (!t) {
    return DataType::string();
  }
  if (t->id() == TypeId::kStruct) {
    auto c = canonicalizeType(t, o);
    return c ? c : DataType::structType({});
  }
  if (t->id() == TypeId::kArray && t->elementType()->id() == TypeId::kStruct) {
    auto c = canonicalizeType(t->elementType(), o);
    return DataType::array(c ? c : DataType::structType({}), t->containsNull());
  }
  auto c = canonicalizeType(t, o);
  return c ? c : DataType::string();
}

DataTypePtr inferJsonSchema(const Vector& strings,
                            const Options& options,
                            const time::TimeZone& zone) {
  JsonOptions o = JsonOptions::parse(options);
  JsonSchemaInferrer inferrer(o, zone);
  DataTypePtr merged;
  for (int64_t row = 0; row < strings.size(); ++row) {
    if (strings.isNull(row)) {
      continue;
    }
    std::string_view text = strings.stringAt(row);
    bool malformed = false;
    DataTypePtr t = inferrer.infer(text, text.size(), &malformed);
    if (malformed) {
      if (o.mode == ParseMode::kFailFast) {
        throwMalformedRow(row, inferrer.error());
      }
      if (o.mode == ParseMode::kDropMalformed) {
        continue;
      }
      t = DataType::structType({{o.columnNameOfCorruptRecord, DataType::string(), true}});
    }
    if (t) {
      merged = merged ? compatibleRootType(merged, t, o) : t;
    }
  }
  if (!merged) {
    return nullptr;
  }
  auto c = canonicalizeType(merged, o);
  return c ? c : DataType::string();
}

}  // namespace rivulet::json
