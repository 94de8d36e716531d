#include "rivulet/connectors/file/file_stream_source.h"

#include <algorithm>
#include <filesystem>

#include <simdjson.h>
#include <strings.h>
#include <sys/stat.h>

#include "rivulet/common/error.h"
#include "rivulet/common/time/time_zone.h"
#include "rivulet/connectors/rate/time_string.h"
#include "rivulet/formats/file_format.h"
#include "rivulet/formats/file_listing.h"
#include "rivulet/plan/sources/file_source.h"
#include "rivulet/plan/sources/partition_discovery.h"

namespace rivulet::connectors {

namespace fsys = std::filesystem;

namespace {

// Spark keeps at most this many listed-but-unread files for later batches.
constexpr size_t kMaxCachedFiles = 10000;
// Cached leftovers fewer than this fraction of maxFilesPerTrigger are dropped and relisted.
constexpr double kDiscardCachedInputRatio = 0.2;

std::optional<int64_t> positiveInt(const Options& options, const char* name, int64_t max) {
  auto text = options.get(name);
  if (!text) {
    return std::nullopt;
  }
  size_t used = 0;
  int64_t v = 0;
  try {
    v = std::stoll(*text, &used);
  } catch (const std::exception&) {
    used = 0;
  }
  if (used == 0 || used != text->size() || v <= 0 || v > max) {
    throwUserError(
        "INVALID_OPTION",
        "Invalid value '" + *text + "' for option '" + name + "', must be a positive integer");
  }
  return v;
}

bool booleanOption(const Options& options, const char* name, bool fallback) {
  auto text = options.get(name);
  if (!text) {
    return fallback;
  }
  if (strcasecmp(text->c_str(), "true") == 0) {
    return true;
  }
  if (strcasecmp(text->c_str(), "false") == 0) {
    return false;
  }
  throwUserError("INVALID_OPTION",
                 "Invalid value '" + *text + "' for option '" + name + "', must be true or false");
}

bool hasGlob(const std::string& s) {
  return s.find_first_of("*?[{") != std::string::npos;
}

std::string absolute(const std::string& path) {
  std::string p = localPathOfUri(path);
  std::error_code ec;
  std::string s = fsys::absolute(p, ec).lexically_normal().string();
  while (s.size() > 1 && s.back() == '/') {
    s.pop_back();
  }
  return s;
}

struct LogEntry {
  std::string path;
  int64_t timestamp = 0;
  int64_t batchId = 0;
};

LogEntry parseLogLine(const std::string& line, const std::string& file) {
  simdjson::dom::parser parser;
  simdjson::dom::element doc;
  std::string_view path;
  LogEntry e;
  if (parser.parse(line).get(doc) != simdjson::SUCCESS ||
      doc["path"].get_string().get(path) != simdjson::SUCCESS ||
      doc["timestamp"].get_int64().get(e.timestamp) != simdjson::SUCCESS ||
      doc["batchId"].get_int64().get(e.batchId) != simdjson::SUCCESS) {
    throwUserError("MALFORMED_LOG_FILE",
                   "Malformed entry in the file source log " + file +
                       ": expected {\"path\":...,\"timestamp\":...,\"batchId\":...}, found '" +
                       line.substr(0, 200) + "'");
  }
  e.path = std::string(path);
  return e;
}

int64_t parseLogOffset(const std::string& text) {
  simdjson::dom::parser parser;
  simdjson::dom::element doc;
  int64_t v = 0;
  if (parser.parse(text).get(doc) == simdjson::SUCCESS) {
    if (doc.is_int64() && doc.get_int64().get(v) == simdjson::SUCCESS) {
      return v;
    }
    if (doc.is_object() && doc["logOffset"].get_int64().get(v) == simdjson::SUCCESS) {
      return v;
    }
  }
  throwUserError("INVALID_OFFSET",
                 "Invalid file source offset: expected {\"logOffset\":N}, found '" + text + "'");
}

std::string offsetJson(int64_t logOffset) {
  return "{\"logOffset\":" + std::to_string(logOffset) + "}";
}

}  // namespace

FileStreamOptions parseFileStreamOptions(const Options& options) {
  FileStreamOptions out;
  out.maxFilesPerTrigger = positiveInt(options, "maxFilesPerTrigger", INT32_MAX);
  out.maxBytesPerTrigger = positiveInt(options, "maxBytesPerTrigger", INT64_MAX);
  if (out.maxFilesPerTrigger && out.maxBytesPerTrigger) {
    throwUserError(
        "INVALID_OPTION",
        "Options 'maxFilesPerTrigger' and 'maxBytesPerTrigger' can't be both set at the same time");
  }
  out.maxFileAgeMs = timeStringAsMs(options.getOr("maxFileAge", "7d"));
  out.latestFirst = booleanOption(options, "latestFirst", false);
  out.fileNameOnly = booleanOption(options, "fileNameOnly", false);
  out.sourceArchiveDir = options.getOr("sourceArchiveDir", "");
  if (auto mode = options.get("cleanSource")) {
    if (strcasecmp(mode->c_str(), "archive") == 0) {
      out.cleanSource = CleanSourceMode::kArchive;
    } else if (strcasecmp(mode->c_str(), "delete") == 0) {
      out.cleanSource = CleanSourceMode::kDelete;
    } else if (strcasecmp(mode->c_str(), "off") == 0) {
      out.cleanSource = CleanSourceMode::kOff;
    } else {
      throwUserError("INVALID_OPTION",
                     "Invalid mode for clean source option Some(" + *mode +
                         "). Must be one of ARCHIVE,DELETE,OFF");
    }
  }
  if (out.cleanSource == CleanSourceMode::kArchive && out.sourceArchiveDir.empty()) {
    throwUserError("INVALID_OPTION", "Archive mode must be used with 'sourceArchiveDir' option.");
  }
  // With latestFirst and a per-trigger limit, old files are still wanted: maxFileAge is ignored.
  if (out.latestFirst && (out.maxFilesPerTrigger || out.maxBytesPerTrigger)) {
    out.maxFileAgeMs = INT64_MAX;
  }
  return out;
}

// ---- SeenFiles ----

std::string FileStreamSource::SeenFiles::key(const std::string& uri) const {
  if (!fileNameOnly) {
    return uri;
  }
  size_t slash = uri.find_last_of('/');
  return slash == std::string::npos ? uri : uri.substr(slash + 1);
}

void FileStreamSource::SeenFiles::add(const std::string& uri, int64_t timestamp) {
  timestamps[key(uri)] = timestamp;
  latestTimestamp = std::max(latestTimestamp, timestamp);
}

bool FileStreamSource::SeenFiles::isNew(const std::string& uri, int64_t timestamp) const {
  return timestamp >= lastPurgeTimestamp && timestamps.find(key(uri)) == timestamps.end();
}

void FileStreamSource::SeenFiles::purge() {
  lastPurgeTimestamp = latestTimestamp - maxAgeMs;
  for (auto it = timestamps.begin(); it != timestamps.end();) {
    it = it->second < lastPurgeTimestamp ? timestamps.erase(it) : std::next(it);
  }
}

namespace {

// The `key=value` directories of `files` below `path` as columns (types inferred unless
// `typeInference` is false); none for a glob path or files that disagree on their layout.
StructType partitionColumnsOf(const std::string& path, const std::vector<std::string>& files, bool typeInference) {
  if (hasGlob(path) || files.empty()) {
    return {};
  }
  try {
    return plan::discoverPartitions({localPathOfUri(path)}, files, typeInference).columns;
  } catch (const Error&) {
    return {};
  }
}

// The files under `path` now (none when it does not exist yet).
std::vector<std::string> filesNow(const std::string& path) {
  try {
    return listDataFiles({path});
  } catch (const Error& e) {
    if (e.errorClass() != "PATH_NOT_FOUND") {
      throw;
    }
    return {};
  }
}

// Spark's file source schema: the given columns without the partition columns, then every
// partition column, with the given type when the schema names it, else the inferred one.
StructType withPartitionColumns(const StructType& schema, const StructType& partitions) {
  std::vector<StructField> fields;
  for (const auto& f : schema.fields()) {
    if (partitions.fieldIndex(f.name) < 0) {
      fields.push_back(f);
    }
  }
  for (const auto& p : partitions.fields()) {
    int named = schema.fieldIndex(p.name);
    fields.push_back(named >= 0 ? schema[static_cast<size_t>(named)] : p);
  }
  return StructType(fields);
}

// The trailing fields of `schema` that are `key=value` directories of `files`: the columns a
// batch of those files takes from their paths.
std::vector<std::string> trailingPartitionColumns(const std::string& path,
                                                  const std::vector<std::string>& files,
                                                  const StructType& schema) {
  StructType discovered = partitionColumnsOf(path, files, /*typeInference=*/false);
  size_t n = 0;
  while (n < schema.size() && discovered.fieldIndex(schema[schema.size() - 1 - n].name) >= 0) {
    ++n;
  }
  std::vector<std::string> out;
  for (size_t i = schema.size() - n; i < schema.size(); ++i) {
    out.push_back(schema[i].name);
  }
  return out;
}

}  // namespace

// ---- FileStreamSource ----

FileStreamSource::FileStreamSource(const FileFormat& format,
                                   std::string path,
                                   Options options,
                                   StructType schema,
                                   const streaming::SourceContext& context)
    : format_(format),
      path_(std::move(path)),
      options_(std::move(options)),
      schema_(std::move(schema)),
      streamOptions_(parseFileStreamOptions(options_)),
      log_(context.metadataPath, compactibleFileLogConfig(options_, kFileSourceLogConfPrefix)),
      availableNow_(context.availableNow),
      zone_(context.zone),
      partitionColumns_(trailingPartitionColumns(path_, filesNow(path_), schema_)) {
  if (context.readAllAvailable) {
    streamOptions_.maxFilesPerTrigger.reset();
    streamOptions_.maxBytesPerTrigger.reset();
  }
  seen_.maxAgeMs = streamOptions_.maxFileAgeMs;
  seen_.fileNameOnly = streamOptions_.fileNameOnly;
  for (const auto& line : log_.allLines()) {
    LogEntry e = parseLogLine(line, log_.directory());
    seen_.add(e.path, e.timestamp);
  }
  seen_.purge();
  currentLogOffset_ = log_.latestId().value_or(-1);
}

std::string FileStreamSource::description() const {
  return "FileStreamSource[" + qualifiedPath(path_) + "]";
}

std::vector<ListedFile> FileStreamSource::listFiles() const {
  std::vector<std::string> paths;
  try {
    paths = listDataFiles({path_});
  } catch (const Error& e) {
    if (e.errorClass() != "PATH_NOT_FOUND") {
      throw;
    }
    return {};  // a glob without matches, or a directory not created yet
  }
  std::vector<ListedFile> out;
  out.reserve(paths.size());
  for (auto& p : paths) {
    struct stat st {};

    if (::stat(p.c_str(), &st) != 0) {
      continue;  // vanished between listing and stat
    }
    int64_t mtime = static_cast<int64_t>(st.st_mtim.tv_sec) * 1000 + st.st_mtim.tv_nsec / 1000000;
    out.push_back({std::move(p), mtime, static_cast<int64_t>(st.st_size)});
  }
  bool newestFirst = streamOptions_.latestFirst;
  std::sort(out.begin(), out.end(), [newestFirst](const ListedFile& a, const ListedFile& b) {
    if (a.modificationTime != b.modificationTime) {
      return newestFirst ? a.modificationTime > b.modificationTime
                         : a.modificationTime < b.modificationTime;
    }
    return a.path < b.path;
  });
  return out;
}

std::optional<std::string> FileStreamSource::latestOffset(const std::optional<std::string>&) {
  if (availableNow_ && !availableNowFiles_) {
    availableNowFiles_ = listFiles();
  }
  std::vector<ListedFile> candidates;
  if (unreadFiles_) {
    candidates = std::move(*unreadFiles_);
    unreadFiles_.reset();
  } else {
    for (auto& f : availableNowFiles_ ? *availableNowFiles_ : listFiles()) {
      if (seen_.isNew(fileUri(f.path), f.modificationTime)) {
        candidates.push_back(f);
      }
    }
  }
  std::vector<ListedFile> batch;
  const auto& o = streamOptions_;
  if (o.maxFilesPerTrigger) {
    auto limit = static_cast<size_t>(*o.maxFilesPerTrigger);
    size_t take = std::min(limit, candidates.size());
    batch.assign(candidates.begin(), candidates.begin() + static_cast<ptrdiff_t>(take));
    bool shouldCache = !o.latestFirst && !availableNow_;
    size_t rest = candidates.size() - take;
    if (shouldCache && rest > 0 &&
        static_cast<double>(rest) >= static_cast<double>(limit) * kDiscardCachedInputRatio) {
      size_t keep = std::min(rest, kMaxCachedFiles);
      unreadFiles_.emplace(candidates.begin() + static_cast<ptrdiff_t>(take),
                           candidates.begin() + static_cast<ptrdiff_t>(take + keep));
    }
  } else if (o.maxBytesPerTrigger) {
    int64_t bytes = 0;
    for (auto& f : candidates) {
      if (!batch.empty() && bytes + f.size > *o.maxBytesPerTrigger) {
        break;
      }
      bytes += f.size;
      batch.push_back(f);
    }
  } else {
    batch = std::move(candidates);
  }
  for (const auto& f : batch) {
    seen_.add(fileUri(f.path), f.modificationTime);
  }
  seen_.purge();
  if (!batch.empty()) {
    int64_t id = currentLogOffset_ + 1;
    std::vector<std::string> lines;
    lines.reserve(batch.size());
    for (const auto& f : batch) {
      lines.push_back("{\"path\":" + jsonQuote(fileUri(f.path)) +
                      ",\"timestamp\":" + std::to_string(f.modificationTime) +
                      ",\"batchId\":" + std::to_string(id) + "}");
    }
    if (!log_.add(id, lines)) {
      throwUserError("CONCURRENT_STREAM_LOG_UPDATE",
                     "Concurrent update to the log. Multiple streaming jobs detected for " +
                         std::to_string(id));
    }
    currentLogOffset_ = id;
  }
  if (currentLogOffset_ < 0) {
    return std::nullopt;
  }
  return offsetJson(currentLogOffset_);
}

std::vector<ListedFile> FileStreamSource::logFiles(int64_t startId, int64_t endId) const {
  std::vector<ListedFile> out;
  for (int64_t id = startId; id <= endId; ++id) {
    auto lines = log_.get(id);
    if (!lines) {
      // Deleted after a compaction: the next compact entry holds its lines.
      lines = log_.compactEntryCovering(id);
    }
    if (!lines) {
      throwUserError("MISSING_LOG_ENTRY",
                     "The file source log " + log_.directory() + " has no entry " +
                         std::to_string(id) + ": the checkpoint is incomplete");
    }
    for (const auto& line : *lines) {
      LogEntry e = parseLogLine(line, log_.directory());
      if (e.batchId == id) {  // a compact entry holds earlier batches too
        out.push_back({localPathOfUri(e.path), e.timestamp, 0});
      }
    }
  }
  return out;
}

plan::DataSourcePtr FileStreamSource::getBatch(const std::optional<std::string>& start,
                                               const std::string& end) {
  int64_t startId = start ? parseLogOffset(*start) : -1;
  int64_t endId = parseLogOffset(end);
  std::vector<std::string> files;
  for (auto& f : logFiles(startId + 1, endId)) {
    files.push_back(std::move(f.path));
  }
  // Without partition columns fixed at start (no files then), a batch takes them from its own
  // files' directories, as Spark infers them per batch.
  std::vector<std::string> partitions =
      partitionColumns_.empty() ? trailingPartitionColumns(path_, files, schema_) : partitionColumns_;
  return std::make_shared<plan::FileSource>(
      format_, std::vector<std::string>{path_}, std::move(files), options_, schema_, partitions, zone_);
}

void FileStreamSource::commit(const std::string& end) {
  if (streamOptions_.cleanSource == CleanSourceMode::kOff) {
    return;
  }
  int64_t endId = parseLogOffset(end);
  int64_t from = lastCleanedId_ ? *lastCleanedId_ + 1 : endId;
  if (from > endId) {
    return;
  }
  std::vector<ListedFile> files;
  try {
    files = logFiles(from, endId);
  } catch (const Error&) {
    return;  // cleaning is best effort and never fails the query
  }
  for (const auto& f : files) {
    std::error_code ec;
    if (streamOptions_.cleanSource == CleanSourceMode::kDelete) {
      fsys::remove(f.path, ec);
    } else {
      fsys::path target = fsys::path(absolute(streamOptions_.sourceArchiveDir)).concat(f.path);
      fsys::create_directories(target.parent_path(), ec);
      if (!fsys::exists(target, ec)) {
        fsys::rename(f.path, target, ec);
      }
    }
  }
  lastCleanedId_ = endId;
}

// ---- provider ----

StructType FileStreamSourceProvider::sourceSchema(
    const Options& options, const std::optional<StructType>& userSchema) const {
  auto path = options.get("path");
  if (!path) {
    throwUserError("PATH_NOT_SPECIFIED", "'path' is not specified");
  }
  if (!hasGlob(*path)) {
    std::error_code ec;
    if (!fsys::exists(absolute(*path), ec)) {
      throw AnalysisException("[PATH_NOT_FOUND] Path does not exist: " + qualifiedPath(*path) + ".",
                              "PATH_NOT_FOUND");
    }
  }
  bool isText = strcasecmp(format_.c_str(), "text") == 0;
  const bool typeInference = booleanOption(options, "spark.sql.sources.partitionColumnTypeInference.enabled", true);
  if (userSchema || isText) {
    // key=value directories of the files there now become columns after the others, typed by
    // the schema when it names them (their values then come from each file's path), as Spark.
    StructType given = userSchema ? *userSchema : StructType({{"value", DataType::string(), true}});
    return withPartitionColumns(given, partitionColumnsOf(*path, filesNow(*path), typeInference));
  }
  if (!booleanOption(options, "spark.sql.streaming.schemaInference", false)) {
    throwUserError(
        "STREAMING_SCHEMA_NOT_SPECIFIED",
        "Schema must be specified when creating a streaming source DataFrame. If some files already exist "
        "in the directory, then depending on the file format you may be able to create a static DataFrame "
        "on that directory with 'spark.read.load(directory)' and infer schema from it.");
  }
  std::vector<std::string> files = filesNow(*path);
  const FileFormat& format = fileFormat(format_);
  if (files.empty()) {
    std::string upper = format_;
    std::transform(
        upper.begin(), upper.end(), upper.begin(), [](unsigned char c) { return std::toupper(c); });
    throw AnalysisException("[UNABLE_TO_INFER_SCHEMA] Unable to infer schema for " + upper +
                                ". It must be specified manually.",
                            "UNABLE_TO_INFER_SCHEMA");
  }
  auto zone = time::TimeZone::utc();
  FormatContext context;
  context.zone = zone.get();
  StructType data = format.inferSchema(files, options, context);
  // Partition directories become columns after the data columns, typed by inference.
  return withPartitionColumns(data, partitionColumnsOf(*path, files, typeInference));
}

streaming::SourcePtr FileStreamSourceProvider::createSource(
    const Options& options,
    const StructType& schema,
    const streaming::SourceContext& context) const {
  auto path = options.get("path");
  if (!path) {
    throwUserError("PATH_NOT_SPECIFIED", "'path' is not specified");
  }
  FileStreamOptions streamOptions = parseFileStreamOptions(options);
  if (streamOptions.cleanSource != CleanSourceMode::kOff) {
    if (!hasGlob(*path) && readFileSinkLog(absolute(*path))) {
      throwUserError(
          "UNSUPPORTED_OPERATION",
          "Cleaning up source files is not supported when reading from the output directory of "
          "FileStreamSink.");
    }
    if (streamOptions.cleanSource == CleanSourceMode::kArchive && !hasGlob(*path)) {
      std::string archive = absolute(streamOptions.sourceArchiveDir) + "/";
      std::string source = absolute(*path) + "/";
      if (archive.rfind(source, 0) == 0) {
        throwUserError("INVALID_OPTION",
                       "Source archive directory " + qualifiedPath(streamOptions.sourceArchiveDir) +
                           " must not be inside the source path " + qualifiedPath(*path) + ".");
      }
    }
  }
  return std::make_unique<FileStreamSource>(fileFormat(format_), *path, options, schema, context);
}

}  // namespace rivulet::connectors
