#include "rivulet/connectors/file/file_stream_sink.h"

#include <algorithm>
#include <filesystem>
#include <map>
#include <memory>
#include <random>
#include <set>

#include <simdjson.h>
#include <sys/stat.h>

#include "rivulet/columnar/cast_string.h"
#include "rivulet/columnar/vector_ops.h"
#include "rivulet/common/error.h"
#include "rivulet/common/fs/atomic_file.h"
#include "rivulet/common/time/time_zone.h"
#include "rivulet/common/uuid.h"
#include "rivulet/connectors/rate/time_string.h"
#include "rivulet/formats/file_format.h"
#include "rivulet/formats/file_listing.h"
#include "rivulet/formats/partition_path.h"

namespace rivulet::connectors {

namespace fsys = std::filesystem;

namespace {

// Hadoop's local file system reports these for every file.
constexpr int64_t kLocalBlockSize = 33554432;

std::string absoluteDir(const std::string& path) {
  std::error_code ec;
  std::string s = fsys::absolute(localPathOfUri(path), ec).lexically_normal().string();
  while (s.size() > 1 && s.back() == '/') {
    s.pop_back();
  }
  return s;
}

// The sink log's retention (Spark's FileStreamSinkLog.shouldRetain): a line whose
// modificationTime is more than `retentionMs` before now is dropped; lines without one stay.
CompactibleFileLog::RetainFn retentionFilter(const Options& options) {
  auto text = options.get("retention");
  if (!text) {
    return nullptr;
  }
  int64_t retentionMs = timeStringAsMs(*text);
  return [retentionMs](const std::string& line, int64_t nowMs) {
    simdjson::dom::parser parser;
    simdjson::dom::element doc;
    int64_t mtime = 0;
    if (parser.parse(line).get(doc) != simdjson::SUCCESS ||
        doc["modificationTime"].get_int64().get(mtime) != simdjson::SUCCESS) {
      return true;
    }
    return nowMs - mtime <= retentionMs;
  };
}

}  // namespace

FileStreamSink::FileStreamSink(const FileFormat& format,
                               std::string path,
                               Options options,
                               StructType schema,
                               std::vector<std::string> partitionColumns,
                               const time::TimeZone* zone,
                               CompactibleFileLogConfig logConfig)
    : format_(format),
      path_(std::move(path)),
      absolutePath_(absoluteDir(path_)),
      options_(std::move(options)),
      schema_(std::move(schema)),
      zone_(zone),
      log_(absolutePath_ + "/_spark_metadata", logConfig, retentionFilter(options_)) {
  for (const auto& column : partitionColumns) {
    int idx = schema_.fieldIndex(column);
    if (idx < 0) {
      throw AnalysisException(
          "Partition column `" + column + "` not found in schema " + schema_.simpleString(),
          "UNRESOLVED_COLUMN");
    }
    partitionIndex_.push_back(idx);
  }
}

void FileStreamSink::addBatch(int64_t batchId, streaming::BatchStream& data) {
  auto latest = log_.latestId();
  if (latest && batchId <= *latest) {
    return;  // committed by an earlier run: writing again would duplicate the rows
  }
  std::vector<int> dataIndex;
  std::vector<StructField> dataFields;
  for (size_t i = 0; i < schema_.size(); ++i) {
    if (std::find(partitionIndex_.begin(), partitionIndex_.end(), static_cast<int>(i)) ==
        partitionIndex_.end()) {
      dataIndex.push_back(static_cast<int>(i));
      dataFields.push_back(schema_[i]);
    }
  }
  StructType dataSchema(dataFields);
  time::TimeZonePtr fallbackZone;
  const time::TimeZone* zone = zone_;
  if (zone == nullptr) {
    fallbackZone = time::TimeZone::systemDefault();
    zone = fallbackZone.get();
  }
  FormatContext context;
  context.zone = zone;
  std::string extension = format_.fileExtension(options_);
  // One file per partition directory, each named with its own UUID as Spark's streaming writer
  // does; the map keeps the files in directory order.
  std::map<std::string, std::pair<std::string, std::unique_ptr<FileWriter>>> writers;
  auto writerFor = [&](const std::string& dir) -> FileWriter& {
    auto it = writers.find(dir);
    if (it != writers.end()) {
      return *it->second.second;
    }
    std::string folder = dir.empty() ? absolutePath_ : absolutePath_ + "/" + dir;
    std::error_code ec;
    fsys::create_directories(folder, ec);
    if (ec) {
      throwExternalError("FILE_WRITE_ERROR",
                         "Cannot create the output directory " + folder + ": " + ec.message());
    }
    std::string file = folder + "/part-00000-" + randomUuid() + "-c000" + extension;
    auto writer = format_.create(file, dataSchema, options_, context);
    auto& slot = writers[dir];
    slot = {file, std::move(writer)};
    return *slot.second;
  };
  // Each batch is written as it is pulled: memory stays at one batch plus the writers' buffers.
  // A batch that fails or is interrupted leaves no files behind (the log never named them).
  auto removeWritten = [&writers] {
    std::vector<std::string> files;
    for (auto& [dir, slot] : writers) {
      files.push_back(slot.first);
    }
    writers.clear();
    for (const auto& f : files) {
      std::error_code ec;
      fsys::remove(f, ec);
    }
  };
  std::vector<std::string> lines;
  try {
    while (auto pulled = data.next()) {
      const Batch& batch = *pulled;
      std::vector<VectorPtr> dataColumns;
      for (int i : dataIndex) {
        dataColumns.push_back(batch.column(static_cast<size_t>(i)));
      }
      Batch rows(std::move(dataColumns), batch.numRows());
      if (partitionIndex_.empty()) {
        if (rows.numRows() > 0) {
          writerFor("").write(rows);
        }
        continue;
      }
      std::vector<VectorPtr> text;
      for (int i : partitionIndex_) {
        text.push_back(castToString(*batch.column(static_cast<size_t>(i)), *zone));
      }
      std::map<std::string, std::vector<int32_t>> groups;
      for (int64_t r = 0; r < batch.numRows(); ++r) {
        std::string dir;
        for (size_t p = 0; p < partitionIndex_.size(); ++p) {
          std::string value = text[p]->isNull(r) ? std::string(kDefaultPartitionName)
                                                 : escapePartitionValue(text[p]->stringAt(r));
          dir += (p ? "/" : "") + schema_[partitionIndex_[p]].name + "=" + value;
        }
        groups[dir].push_back(static_cast<int32_t>(r));
      }
      for (const auto& [dir, indices] : groups) {
        writerFor(dir).write(
            gatherBatch(rows, indices.data(), static_cast<int64_t>(indices.size())));
      }
    }
    if (writers.empty() && partitionIndex_.empty()) {
      writerFor("");  // an empty batch still writes one file, which keeps the schema
    }
    std::set<std::string> folders;
    for (auto& [dir, slot] : writers) {
      slot.second->close();
      // Durable before the log names it: a committed batch never points at a truncated file.
      fs::syncFile(slot.first);
      // The file's folder and every folder up to the output directory (partition folders may
      // be new in this batch).
      for (fsys::path folder = fsys::path(slot.first).parent_path();; folder = folder.parent_path()) {
        folders.insert(folder.string());
        if (folder.string().size() <= absolutePath_.size() || folder == folder.parent_path()) {
          break;
        }
      }

      struct stat st {};

      if (::stat(slot.first.c_str(), &st) != 0) {
        throwExternalError("FILE_WRITE_ERROR",
                           "Cannot stat the written file " + qualifiedPath(slot.first));
      }
      int64_t mtime = static_cast<int64_t>(st.st_mtim.tv_sec) * 1000 + st.st_mtim.tv_nsec / 1000000;
      lines.push_back("{\"path\":" + jsonQuote(fileUri(slot.first)) +
                      ",\"size\":" + std::to_string(st.st_size) +
                      ",\"isDir\":false,\"modificationTime\":" + std::to_string(mtime) +
                      ",\"blockReplication\":1,\"blockSize\":" + std::to_string(kLocalBlockSize) +
                      ",\"action\":\"add\"}");
    }
    for (const auto& folder : folders) {
      fs::syncDirectory(folder);
    }
  } catch (...) {
    removeWritten();
    throw;
  }
  if (!log_.add(batchId, lines)) {
    removeWritten();  // another writer committed this batch: these files would be orphans
    throwUserError("CONCURRENT_STREAM_LOG_UPDATE",
                   "Concurrent update to the log. Multiple streaming jobs detected for " +
                       std::to_string(batchId));
  }
}

streaming::SinkPtr FileStreamSinkProvider::createSink(const Options& options,
                                                      const StructType& schema,
                                                      const streaming::SinkContext& context) const {
  auto path = options.get("path");
  if (!path) {
    throwUserError("PATH_NOT_SPECIFIED", "'path' is not specified");
  }
  if (context.outputMode != streaming::OutputMode::kAppend) {
    throw AnalysisException("Data source " + format_ + " does not support " +
                                streaming::outputModeName(context.outputMode) + " output mode",
                            "UNSUPPORTED_OUTPUT_MODE");
  }
  return std::make_unique<FileStreamSink>(fileFormat(format_),
                                          *path,
                                          options,
                                          schema,
                                          context.partitionColumns,
                                          context.zone,
                                          compactibleFileLogConfig(context.sessionConf, kFileSinkLogConfPrefix));
}

}  // namespace rivulet::connectors
