// rivulet: the command-line entry point. Exit status 0 success, 1 runtime error, 2 usage error.
#include <CLI/CLI.hpp>
#include <iostream>

#include "rivulet/cli/commands.h"
#include "rivulet/common/error.h"

int main(int argc, char** argv) {
  CLI::App app{"Rivulet: Spark's DataFrames and Structured Streaming in one C++ binary"};
  app.require_subcommand(1);
  rivulet::cli::addDemoCommand(app);
  rivulet::cli::addInspectCommands(app);
  rivulet::cli::addKafkaBrokerCommand(app);
  rivulet::cli::addMetaCommands(app);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    int code = app.exit(e);
    return code == 0 ? 0 : 2;
  } catch (const rivulet::Error& e) {
    // One line: the message, then where it happened.
    std::string line = e.message();
    for (const auto& frame : e.context()) {
      line += " (while " + frame + ")";
    }
    std::cerr << "rivulet: " << line << std::endl;
    return 1;
  } catch (const std::exception& e) {
    std::cerr << "rivulet: " << e.what() << std::endl;
    return 1;
  }
  return 0;
}
