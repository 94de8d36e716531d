// `rivulet parquet-meta <file>` (row groups, column chunks, encodings, codecs, statistics) and
// `rivulet checkpoint <dir>` (a streaming checkpoint's query id, batches, offsets, commits and
// source logs).
#include <CLI/CLI.hpp>
#include <algorithm>
#include <filesystem>
#include <iostream>

#include "rivulet/cli/commands.h"
#include "rivulet/common/error.h"
#include "rivulet/common/fs/atomic_file.h"
#include "rivulet/formats/parquet/parquet_metadata.h"
#include "rivulet/streaming/checkpoint/checkpoint.h"
#include "rivulet/streaming/checkpoint/metadata_log.h"

namespace rivulet::cli {

namespace fs = std::filesystem;

namespace {

void printParquetMeta(const std::string& path) {
  parquet::ParquetFileInfo info = parquet::readParquetMetadata(path);
  std::cout << "file:       " << path << "\n"
            << "created by: " << info.createdBy << "\n"
            << "version:    " << info.version << "\n"
            << "rows:       " << info.numRows << "\n"
            << "row groups: " << info.rowGroups.size() << "\n";
  for (const auto& [k, v] : info.keyValueMetadata) {
    std::cout << "key:        " << k << " (" << v.size() << " bytes)\n";
  }
  std::cout << "\n" << info.parquetSchema << "\n" << info.schema.treeString();
  for (size_t g = 0; g < info.rowGroups.size(); ++g) {
    const auto& rg = info.rowGroups[g];
    std::cout << "\nrow group " << g << ": " << rg.numRows << " rows, " << rg.totalByteSize << " bytes\n";
    for (const auto& c : rg.columns) {
      std::string encodings;
      for (size_t i = 0; i < c.encodings.size(); ++i) {
        encodings += (i ? "," : "") + c.encodings[i];
      }
      std::cout << "  " << c.path << ": " << c.physicalType << " " << c.codec << " [" << encodings << "] values="
                << c.numValues << " compressed=" << c.compressedSize << " uncompressed=" << c.uncompressedSize;
      if (c.nullCount) {
        std::cout << " nulls=" << *c.nullCount;
      }
      if (c.min) {
        std::cout << " min=" << *c.min;
      }
      if (c.max) {
        std::cout << " max=" << *c.max;
      }
      std::cout << "\n";
    }
  }
}

void printCheckpoint(const std::string& dir) {
  if (!fs::is_directory(dir)) {
    throwUserError("PATH_NOT_FOUND", "[PATH_NOT_FOUND] Path does not exist: " + dir + ".");
  }
  if (!fs::exists(fs::path(dir) / "metadata")) {
    throwUserError("NOT_A_CHECKPOINT", "Not a streaming checkpoint: " + dir + " has no metadata file");
  }
  if (!fs::is_directory(fs::path(dir) / "offsets") || !fs::is_directory(fs::path(dir) / "commits")) {
    throwUserError("NOT_A_CHECKPOINT", "Not a streaming checkpoint: " + dir + " has no offsets/ or commits/ directory");
  }
  streaming::Checkpoint checkpoint(dir);
  std::cout << "checkpoint: " << fs::absolute(dir).lexically_normal().string() << "\n"
            << "query id:   " << checkpoint.loadOrCreateQueryId() << "\n";
  streaming::MetadataLog offsets(dir + "/offsets", 1);
  auto ids = offsets.ids();
  std::cout << "batches:    " << ids.size() << (ids.empty() ? "" : " (" + std::to_string(ids.front()) + "…" + std::to_string(ids.back()) + ")") << "\n";
  for (int64_t id : ids) {
    auto seq = checkpoint.readOffsets(id);
    std::cout << "\nbatch " << id << (checkpoint.isCommitted(id) ? " committed" : " NOT committed (re-run on restart)")
              << ", timestamp " << seq->batchTimestampMs << " ms\n";
    for (size_t i = 0; i < seq->offsets.size(); ++i) {
      std::cout << "  source " << i << ": " << seq->offsets[i].value_or("-") << "\n";
    }
  }
  fs::path sources = fs::path(dir) / "sources";
  if (fs::is_directory(sources)) {
    std::vector<fs::path> dirs;
    for (const auto& e : fs::directory_iterator(sources)) {
      dirs.push_back(e.path());
    }
    std::sort(dirs.begin(), dirs.end());
    for (const auto& s : dirs) {
      std::cout << "\nsources/" << s.filename().string() << ":\n";
      std::vector<fs::path> files;
      for (const auto& e : fs::directory_iterator(s)) {
        if (e.path().filename().string()[0] != '.') {
          files.push_back(e.path());
        }
      }
      std::sort(files.begin(), files.end(), [](const fs::path& a, const fs::path& b) {
        return std::stoll("0" + a.stem().string()) < std::stoll("0" + b.stem().string());
      });
      for (const auto& f : files) {
        std::string content = rivulet::fs::readWholeFile(f.string());
        // The Kafka source's file starts with a 0 byte (Spark's compatibility marker).
        if (!content.empty() && content[0] == '\0') {
          content.erase(0, 1);
        }
        std::cout << "  " << f.filename().string() << ":\n";
        size_t start = 0;
        while (start < content.size()) {
          size_t end = content.find('\n', start);
          if (end == std::string::npos) end = content.size();
          std::cout << "    " << content.substr(start, end - start) << "\n";
          start = end + 1;
        }
      }
    }
  }
}

}  // namespace

void addMetaCommands(CLI::App& app) {
  auto file = std::make_shared<std::string>();
  auto* meta = app.add_subcommand("parquet-meta", "Print a Parquet file's row groups, column chunks, encodings, codecs and statistics");
  meta->add_option("file", *file, "A Parquet file")->required();
  meta->callback([file] { printParquetMeta(*file); });

  auto dir = std::make_shared<std::string>();
  auto* checkpoint = app.add_subcommand("checkpoint", "Print what a streaming checkpoint holds: query id, batches with offsets and commits, source logs");
  checkpoint->add_option("dir", *dir, "A checkpoint directory")->required();
  checkpoint->callback([dir] { printCheckpoint(*dir); });
}

}  // namespace rivulet::cli
