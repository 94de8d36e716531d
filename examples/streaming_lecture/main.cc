// streaming_lecture WORK_DIR AIRPORTS_CSV [TRIGGER_MS]: the lecture's rate and file streaming
// cells, printing what the lecture prints. TRIGGER_MS (default 2000) shortens the runs.
#include <cstdlib>
#include <exception>
#include <filesystem>
#include <iostream>
#include <string>

#include "rivulet/rivulet.h"
#include "streaming_lecture/lecture_cells.h"

int main(int argc, char** argv) {
  if (argc < 3 || argc > 4) {
    std::cerr << "usage: streaming_lecture WORK_DIR AIRPORTS_CSV [TRIGGER_MS]" << std::endl;
    return 2;
  }
  rivulet::examples::LectureCellsOptions options;
  options.workDir = std::filesystem::absolute(argv[1]);
  options.airportsCsv = argv[2];
  if (argc == 4) {
    options.triggerMillis = std::atoi(argv[3]);
    if (options.triggerMillis <= 0) {
      std::cerr << "TRIGGER_MS must be a positive number of milliseconds, got '" << argv[3] << "'"
                << std::endl;
      return 2;
    }
  }
  try {
    std::filesystem::create_directories(options.workDir);
    auto session = rivulet::Session::builder().appName("lecture").getOrCreate();
    rivulet::examples::runRateAndFileCells(session, options);
  } catch (const std::exception& e) {
    std::cout.flush();
    std::cerr << "error: " << e.what() << std::endl;
    return 1;
  }
  return 0;
}
