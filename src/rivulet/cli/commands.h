// The `rivulet` subcommands.
#pragma once

#include <string>
#include <vector>

namespace CLI {
class App;
}

namespace rivulet::cli {

/// Adds `demo` to the app.
void addDemoCommand(CLI::App& app);

/// Adds `show`, `schema` and `count`.
void addInspectCommands(CLI::App& app);

/// Adds `kafka-broker`.
void addKafkaBrokerCommand(CLI::App& app);

/// Adds `parquet-meta` and `checkpoint`.
void addMetaCommands(CLI::App& app);

}  // namespace rivulet::cli
