#include "rivulet/formats/text/text_format.h"

#include <cstring>

#include "rivulet/columnar/vector_builder.h"
#include "rivulet/common/error.h"
#include "rivulet/formats/file_listing.h"

namespace rivulet {

namespace {

constexpr size_t kChunkBytes = 4 << 20;
constexpr int64_t kDefaultMaxLineBytes = 512LL << 20;

struct TextOptions {
  bool wholeText = false;
  /// Empty = any of "\n", "\r\n", "\r".
  std::string lineSep;
  int64_t maxRecordBytes = kDefaultMaxLineBytes;
  bool gzip = false;

  static TextOptions parse(const Options& options) {
    TextOptions o;
    o.wholeText = options.getBool("wholetext", false);
    if (auto sep = options.get("lineSep")) {
      if (sep->empty()) {
        throwUserError("INVALID_OPTION_VALUE",
                       "Invalid value for text option 'lineSep': 'lineSep' cannot be an empty "
                       "string");
      }
      o.lineSep = *sep;
    }
    o.maxRecordBytes = options.getInt("maxRecordBytes", kDefaultMaxLineBytes);
    if (auto codec = options.get("compression")) {
      o.gzip = gzipCodecFromOption(*codec);
    } else if (auto c = options.get("codec")) {
      o.gzip = gzipCodecFromOption(*c);
    }
    return o;
  }
};

class TextReader : public FileReader {
 public:
  TextReader(const std::string& file, size_t numColumns, TextOptions options, int64_t batchRows)
      : options_(std::move(options)),
        file_(file),
        numColumns_(numColumns),
        buildColumn_(numColumns > 0),
        batchRows_(batchRows > 0 ? batchRows : kDefaultBatchRows) {}

  std::optional<Batch> next() override {
    if (done_) {
      return std::nullopt;
    }
    VectorBuilder builder(DataType::string(), buildColumn_ ? batchRows_ : 0);
    int64_t rows = 0;
    if (options_.wholeText) {
      std::string all = file_.readAll(static_cast<size_t>(options_.maxRecordBytes));
      if (buildColumn_) {
        builder.appendString(all);
      }
      rows = 1;
      done_ = true;
    } else {
      std::string_view line;
      while (rows < batchRows_ && nextLine(line)) {
        if (buildColumn_) {
          builder.appendString(line);
        }
        ++rows;
      }
    }
    if (rows == 0) {
      done_ = true;
      return std::nullopt;
    }
    std::vector<VectorPtr> columns;
    if (buildColumn_) {
      VectorPtr column = builder.finish();
      columns.assign(numColumns_, column);
    }
    return Batch(std::move(columns), rows);
  }

 private:
  bool fill() {
    if (eof_) {
      return false;
    }
    if (pos_ > 0) {
      buf_.erase(0, pos_);
      pos_ = 0;
    }
    size_t old = buf_.size();
    buf_.resize(old + kChunkBytes);
    size_t n = file_.read(buf_.data() + old, kChunkBytes);
    buf_.resize(old + n);
    if (n == 0) {
      eof_ = true;
      return false;
    }
    return true;
  }

  // Finds the separator at or after `from`: its position and length, or npos.
  size_t findSeparator(size_t from, size_t& sepLen) const {
    if (!options_.lineSep.empty()) {
      size_t p = buf_.find(options_.lineSep, from);
      sepLen = options_.lineSep.size();
      return p;
    }
    for (size_t i = from; i < buf_.size(); ++i) {
      char c = buf_[i];
      if (c == '\n') {
        sepLen = 1;
        return i;
      }
      if (c == '\r') {
        if (i + 1 < buf_.size()) {
          sepLen = buf_[i + 1] == '\n' ? 2 : 1;
          return i;
        }
        if (eof_) {
          sepLen = 1;
          return i;
        }
        return std::string::npos;  // a '\n' may follow in the next chunk
      }
    }
    return std::string::npos;
  }

  [[noreturn]] void lineTooLarge() const {
    throwUserError("MALFORMED_RECORD_IN_PARSING",
                   "Text line too large: the line exceeds maxRecordBytes (" +
                       std::to_string(options_.maxRecordBytes) + ") at " +
                       qualifiedPath(file_.path()) + ", line " + std::to_string(lineNumber_ + 1));
  }

  bool nextLine(std::string_view& line) {
    size_t scanned = pos_;
    while (true) {
      size_t sepLen = 0;
      size_t at = findSeparator(scanned, sepLen);
      if (at != std::string::npos) {
        if (at - pos_ > static_cast<size_t>(options_.maxRecordBytes)) {
          lineTooLarge();
        }
        line = std::string_view(buf_.data() + pos_, at - pos_);
        pos_ = at + sepLen;
        ++lineNumber_;
        return true;
      }
      if (eof_) {
        if (pos_ >= buf_.size()) {
          return false;
        }
        if (buf_.size() - pos_ > static_cast<size_t>(options_.maxRecordBytes)) {
          lineTooLarge();
        }
        line = std::string_view(buf_.data() + pos_, buf_.size() - pos_);
        pos_ = buf_.size();
        ++lineNumber_;
        return true;
      }
      if (buf_.size() - pos_ > static_cast<size_t>(options_.maxRecordBytes)) {
        lineTooLarge();
      }
      size_t keep = buf_.size() - pos_;
      // Rescan the last bytes only: a separator may straddle the chunk boundary.
      size_t overlap = options_.lineSep.empty() ? 1 : options_.lineSep.size();
      fill();
      scanned = pos_ + (keep > overlap ? keep - overlap : 0);
    }
  }

  TextOptions options_;
  InputFile file_;
  size_t numColumns_;
  bool buildColumn_;
  int64_t batchRows_;
  std::string buf_;
  size_t pos_ = 0;
  int64_t lineNumber_ = 0;
  bool eof_ = false;
  bool done_ = false;
};

void checkTextSchema(const StructType& schema) {
  if (schema.size() != 1) {
    throwUserError("UNSUPPORTED_DATA_SOURCE_SCHEMA",
                   "Text data source supports only a single column, and you have " +
                       std::to_string(schema.size()) + " columns.");
  }
  if (schema[0].type->id() != TypeId::kString) {
    throwUserError("UNSUPPORTED_DATA_TYPE_FOR_DATASOURCE",
                   "[UNSUPPORTED_DATA_TYPE_FOR_DATASOURCE] The Text datasource doesn't support "
                   "the column `" +
                       schema[0].name + "` of the type \"" + schema[0].type->sql() + "\".");
  }
}

class TextWriter : public FileWriter {
 public:
  TextWriter(const std::string& file, const TextOptions& options)
      : out_(file, options.gzip), lineSep_(options.lineSep.empty() ? "\n" : options.lineSep) {}

  void write(const Batch& batch) override {
    const Vector& col = *batch.column(0);
    for (int64_t row = 0; row < batch.numRows(); ++row) {
      if (!col.isNull(row)) {
        std::string_view v = col.stringAt(row);
        buffer_.append(v.data(), v.size());
      }
      buffer_ += lineSep_;
      if (buffer_.size() >= (1 << 20)) {
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
  OutputFile out_;
  std::string lineSep_;
  std::string buffer_;
  bool closed_ = false;
};

class TextFormat : public FileFormat {
 public:
  std::string name() const override { return "text"; }

  StructType inferSchema(const std::vector<std::string>&,
                         const Options& options,
                         const FormatContext&) const override {
    TextOptions::parse(options);
    return StructType({{"value", DataType::string(), true}});
  }

  std::unique_ptr<FileReader> open(const std::string& file,
                                   const StructType& dataSchema,
                                   const std::vector<int>& projection,
                                   const Options& options,
                                   const FormatContext& context) const override {
    checkTextSchema(dataSchema);
    for (int idx : projection) {
      if (idx != 0) {
        throwInternalError("text projection index " + std::to_string(idx) + " out of range");
      }
    }
    return std::make_unique<TextReader>(file, projection.size(), TextOptions::parse(options),
                                        context.batchRows);
  }

  std::unique_ptr<FileWriter> create(const std::string& file,
                                     const StructType& schema,
                                     const Options& options,
                                     const FormatContext&) const override {
    checkTextSchema(schema);
    return std::make_unique<TextWriter>(file, TextOptions::parse(options));
  }

  std::string fileExtension(const Options& options) const override {
    return TextOptions::parse(options).gzip ? ".txt.gz" : ".txt";
  }
};

}  // namespace

std::unique_ptr<FileFormat> makeTextFormat() { return std::make_unique<TextFormat>(); }

}  // namespace rivulet
