#include "rivulet/formats/csv/csv_writer.h"

#include <charconv>

#include "rivulet/common/time/time_zone.h"
#include "rivulet/common/time/timestamp.h"
#include "rivulet/formats/csv/csv_reader.h"
#include "rivulet/formats/file_listing.h"
#include "rivulet/types/number_format.h"

namespace rivulet::csv {

namespace {

constexpr size_t kFlushBytes = 1 << 20;

class CsvWriter : public FileWriter {
 public:
  CsvWriter(const std::string& file,
            const StructType& schema,
            const CsvOptions& options,
            const FormatContext& context)
      : options_(options),
        schema_(schema),
        zoneHolder_(context.zone != nullptr ? nullptr : time::TimeZone::systemDefault()),
        zone_(context.zone != nullptr ? context.zone : zoneHolder_.get()),
        out_(file, options.gzip) {
    lineSep_ = options_.lineSep.empty() ? "\n" : options_.lineSep;
    if (options_.header) {
      for (size_t i = 0; i < schema_.size(); ++i) {
        if (i > 0) {
          buffer_ += options_.delimiter;
        }
        appendText(schema_[i].name);
      }
      buffer_ += lineSep_;
    }
  }

  ~CsvWriter() override = default;

  void write(const Batch& batch) override {
    const size_t numColumns = schema_.size();
    for (int64_t row = 0; row < batch.numRows(); ++row) {
      for (size_t c = 0; c < numColumns; ++c) {
        if (c > 0) {
          buffer_ += options_.delimiter;
        }
        appendValue(*batch.column(c), row);
      }
      buffer_ += lineSep_;
      if (buffer_.size() >= kFlushBytes) {
        out_.write(buffer_);
        buffer_.clear();
      }
    }
  }

  void close() override {
    if (closed_) {
      return;
    }
    closed_ = true;
    out_.write(buffer_);
    buffer_.clear();
    out_.close();
  }

 private:
  bool needsQuotes(std::string_view v) const {
    if (options_.quote == '\0') {
      return false;
    }
    if (options_.quoteAll) {
      return true;
    }
    for (char c : v) {
      if (c == '\n' || c == '\r' || c == options_.delimiter[0] ||
          (c == options_.quote && options_.escapeQuotes) ||
          (options_.comment != '\0' && c == options_.comment && &c == v.data())) {
        return true;
      }
    }
    return false;
  }

  // A textual value (strings and the header): trimmed, empty -> emptyValue, quoted if needed.
  void appendText(std::string_view v) {
    if (v.empty()) {
      buffer_ += options_.emptyValueWrite;
      return;
    }
    if (options_.ignoreLeadingWhiteSpace) {
      while (!v.empty() && static_cast<unsigned char>(v.front()) <= ' ') {
        v.remove_prefix(1);
      }
    }
    if (options_.ignoreTrailingWhiteSpace) {
      while (!v.empty() && static_cast<unsigned char>(v.back()) <= ' ') {
        v.remove_suffix(1);
      }
    }
    appendQuoted(v);
  }

  void appendQuoted(std::string_view v) {
    if (!needsQuotes(v)) {
      buffer_.append(v.data(), v.size());
      return;
    }
    buffer_ += options_.quote;
    for (char c : v) {
      if (c == options_.quote && options_.escapeQuotes) {
        buffer_ += options_.escape != '\0' ? options_.escape : options_.quote;
      }
      buffer_ += c;
    }
    buffer_ += options_.quote;
  }

  void appendInt(int64_t v) {
    char buf[24];
    auto res = std::to_chars(buf, buf + sizeof buf, v);
    appendQuoted(std::string_view(buf, static_cast<size_t>(res.ptr - buf)));
  }

  void appendValue(const Vector& col, int64_t row) {
    if (col.isNull(row)) {
      buffer_ += options_.nullValue;
      return;
    }
    switch (col.typeId()) {
      case TypeId::kString: appendText(col.stringAt(row)); break;
      case TypeId::kBoolean:
        appendQuoted(col.values<uint8_t>()[row] != 0 ? "true" : "false");
        break;
      case TypeId::kByte: appendInt(col.values<int8_t>()[row]); break;
      case TypeId::kShort: appendInt(col.values<int16_t>()[row]); break;
      case TypeId::kInt: appendInt(col.values<int32_t>()[row]); break;
      case TypeId::kLong: appendInt(col.values<int64_t>()[row]); break;
      case TypeId::kFloat: appendQuoted(formatFloat(col.values<float>()[row])); break;
      case TypeId::kDouble: appendQuoted(formatDouble(col.values<double>()[row])); break;
      case TypeId::kDecimal:
        appendQuoted(formatDecimal(col.values<__int128>()[row], col.type()->scale()));
        break;
      case TypeId::kDate: {
        int32_t days = col.values<int32_t>()[row];
        appendQuoted(options_.dateFormat ? options_.dateFormat->formatDate(days)
                                         : time::formatDate(days));
        break;
      }
      case TypeId::kTimestamp: {
        int64_t micros = col.values<int64_t>()[row];
        appendQuoted(options_.timestampFormat
                         ? options_.timestampFormat->formatTimestamp(micros, *zone_)
                         : time::formatTimestampIso(micros, *zone_));
        break;
      }
      case TypeId::kNull: buffer_ += options_.nullValue; break;
      default: break;  // rejected by checkCsvSchema
    }
  }

  CsvOptions options_;
  StructType schema_;
  time::TimeZonePtr zoneHolder_;
  const time::TimeZone* zone_;
  OutputFile out_;
  std::string lineSep_;
  std::string buffer_;
  bool closed_ = false;
};

}  // namespace

std::unique_ptr<FileWriter> createCsvWriter(const std::string& file,
                                            const StructType& schema,
                                            const CsvOptions& options,
                                            const FormatContext& context) {
  checkCsvSchema(schema, options, true);
  return std::make_unique<CsvWriter>(file, schema, options, context);
}

}  // namespace rivulet::csv
