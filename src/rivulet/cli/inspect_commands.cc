// `rivulet show|schema|count <path>`: look at data files the way parquet-tools users do.
#include <CLI/CLI.hpp>
#include <filesystem>
#include <iostream>

#include "rivulet/cli/commands.h"
#include "rivulet/cli/terminal_progress.h"
#include "rivulet/rivulet.h"

namespace rivulet::cli {

namespace {

struct InspectArgs {
  std::string path;
  std::string format;
  std::vector<std::string> options;
  int rows = 20;
  bool vertical = false;
  int truncate = 20;
};

std::string formatOf(const InspectArgs& a) {
  if (!a.format.empty()) {
    return a.format;
  }
  std::string p = a.path;
  if (p.size() > 3 && p.substr(p.size() - 3) == ".gz") {
    p = p.substr(0, p.size() - 3);
  }
  std::string ext = std::filesystem::path(p).extension().string();
  if (ext == ".csv") return "csv";
  if (ext == ".json" || ext == ".jsonl") return "json";
  if (ext == ".txt" || ext == ".text") return "text";
  if (ext == ".parquet") return "parquet";
  if (std::filesystem::is_directory(a.path)) {
    for (const auto& e : std::filesystem::directory_iterator(a.path)) {
      std::string name = e.path().filename().string();
      if (name[0] == '_' || name[0] == '.') continue;
      InspectArgs inner = a;
      inner.path = e.path().string();
      if (!std::filesystem::is_directory(e.path())) {
        return formatOf(inner);
      }
    }
  }
  throwUserError("UNKNOWN_FORMAT", "Cannot tell the format of '" + a.path +
                                       "' from its name: pass --format csv|json|text|parquet");
}

DataFrame load(const InspectArgs& a) {
  auto session = Session::builder().appName("rivulet-cli").getOrCreate();
  auto reader = session.read().format(formatOf(a));
  for (const auto& kv : a.options) {
    auto eq = kv.find('=');
    if (eq == std::string::npos) {
      throw CLI::ValidationError("-o", "expected key=value, got '" + kv + "'");
    }
    reader.option(kv.substr(0, eq), kv.substr(eq + 1));
  }
  return reader.load(a.path);
}

CLI::App* addCommon(CLI::App& app, const char* name, const char* help, std::shared_ptr<InspectArgs> args) {
  auto* cmd = app.add_subcommand(name, help);
  cmd->add_option("path", args->path, "A file or directory")->required();
  cmd->add_option("--format", args->format, "csv, json, text or parquet (default: from the extension)");
  cmd->add_option("-o,--option", args->options, "A reader option as key=value (repeatable)");
  return cmd;
}

}  // namespace

void addInspectCommands(CLI::App& app) {
  auto showArgs = std::make_shared<InspectArgs>();
  auto* show = addCommon(app, "show", "Print the rows of a file as show() does", showArgs);
  show->add_option("-n,--rows", showArgs->rows, "Rows to show (default 20)");
  show->add_option("--truncate", showArgs->truncate, "Cut cells to this width, 0 for none (default 20)");
  show->add_flag("--vertical", showArgs->vertical, "One block per row");
  show->callback([showArgs] {
    std::string text;
    {
      TerminalProgress progress("reading " + showArgs->path);
      text = load(*showArgs).showString(showArgs->rows, showArgs->truncate, showArgs->vertical);
    }
    std::cout << text << std::endl;
  });

  auto schemaArgs = std::make_shared<InspectArgs>();
  auto* schema = addCommon(app, "schema", "Print the schema of a file as printSchema() does", schemaArgs);
  schema->callback([schemaArgs] {
    std::string text;
    {
      TerminalProgress progress("reading " + schemaArgs->path);
      text = load(*schemaArgs).schema().treeString();
    }
    std::cout << text << std::endl;
  });

  auto countArgs = std::make_shared<InspectArgs>();
  auto* count = addCommon(app, "count", "Print the number of rows", countArgs);
  count->callback([countArgs] {
    int64_t n;
    {
      TerminalProgress progress("counting " + countArgs->path);
      n = load(*countArgs).count();
    }
    std::cout << n << std::endl;
  });
}

}  // namespace rivulet::cli
