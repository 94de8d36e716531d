// examples/streaming_lecture end to end: the program's output, with what a live stream makes vary
// masked, equals tests/golden/examples/streaming_lecture/expected.txt.
#include <cstdlib>
#include <filesystem>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "testing/golden.h"
#include "testing/test_paths.h"

namespace rivulet::testing {
namespace {

namespace fs = std::filesystem;

bool isBorder(const std::string& line) {
  return line.size() >= 2 && line.front() == '+' &&
         line.find_first_not_of("+-") == std::string::npos;
}

bool isCount(const std::string& line) {
  return !line.empty() && line.find_first_not_of("0123456789") == std::string::npos;
}

// "|timestamp              |value|" → "|timestamp|value|": the padding follows the widest value.
std::string trimCells(const std::string& row) {
  std::string out = "|";
  std::string cell;
  for (size_t i = 1; i < row.size(); ++i) {
    if (row[i] == '|') {
      size_t first = cell.find_first_not_of(' ');
      size_t last = cell.find_last_not_of(' ');
      out += (first == std::string::npos ? "" : cell.substr(first, last - first + 1)) + "|";
      cell.clear();
    } else {
      cell += row[i];
    }
  }
  return out;
}

void replaceAll(std::string& text, const std::string& from, const std::string& to) {
  for (size_t pos = text.find(from); !from.empty() && pos != std::string::npos;
       pos = text.find(from, pos + to.size())) {
    text.replace(pos, from.size(), to);
  }
}

// Masks what a live stream changes from run to run and keeps the rest exact: a table keeps its
// borders (one '-' per column) and its trimmed header row; its data rows become one "|<rows>|"
// line, and the "only showing top N rows" after them goes (it depends on the row count); a line
// that is just a number (a count of rows) becomes "<count>"; the work directory becomes "<dir>".
std::string maskLiveOutput(std::string text, const std::vector<std::string>& workDirs) {
  for (const std::string& dir : workDirs) {
    replaceAll(text, dir, "<dir>");
  }
  std::istringstream in(text);
  std::ostringstream out;
  std::string line;
  int bordersSeen = 0;  // of the current table: 0 = outside, 1 = before the header, 2 = in the rows
  bool rowsMasked = false;
  bool droppedRows = false;
  while (std::getline(in, line)) {
    if (isBorder(line)) {
      out << "+";
      for (size_t i = 1; i < line.size(); ++i) {
        out << (line[i] == '+' ? "-+" : "");
      }
      out << "\n";
      bordersSeen = bordersSeen == 2 ? 0 : bordersSeen + 1;
      droppedRows = bordersSeen == 0 && rowsMasked;
      rowsMasked = false;
      continue;
    }
    if (bordersSeen == 1 && line.starts_with("|")) {
      out << trimCells(line) << "\n";
      continue;
    }
    if (bordersSeen == 2 && line.starts_with("|")) {
      if (!rowsMasked) {
        out << "|<rows>|\n";
        rowsMasked = true;
      }
      continue;
    }
    if (droppedRows && line.starts_with("only showing top ")) {
      droppedRows = false;
      continue;
    }
    droppedRows = false;
    out << (isCount(line) ? "<count>" : line) << "\n";
  }
  return out.str();
}

// The data rows (trimmed cells) of every table between the lines starting with `from` and `to`.
std::vector<std::vector<std::string>> tableRows(const std::string& text, const std::string& from, const std::string& to) {
  std::istringstream in(text);
  std::string line;
  bool inside = false;
  int bordersSeen = 0;
  std::vector<std::vector<std::string>> rows;
  while (std::getline(in, line)) {
    if (line.starts_with(from)) {
      inside = true;
      continue;
    }
    if (inside && line.starts_with(to)) {
      break;
    }
    if (!inside) {
      continue;
    }
    if (isBorder(line)) {
      bordersSeen = bordersSeen == 2 ? 0 : bordersSeen + 1;
      continue;
    }
    if (bordersSeen == 2 && line.starts_with("|")) {
      std::vector<std::string> cells;
      std::string trimmed = trimCells(line);
      size_t start = 1;
      for (size_t bar = trimmed.find('|', start); bar != std::string::npos; bar = trimmed.find('|', start)) {
        cells.push_back(trimmed.substr(start, bar - start));
        start = bar + 1;
      }
      rows.push_back(cells);
    }
  }
  return rows;
}

TEST(StreamingLectureExample, MaskKeepsStructureAndHidesLiveValues) {
  std::string live =
      "Batch: 1\n"
      "+-----------------------+-----+\n"
      "|timestamp              |value|\n"
      "+-----------------------+-----+\n"
      "|2026-11-25 22:27:29.044|0    |\n"
      "|2026-11-25 22:27:30.04 |1    |\n"
      "+-----------------------+-----+\n"
      "only showing top 2 rows\n"
      "\n"
      "+---------+-----+\n"
      "|timestamp|value|\n"
      "+---------+-----+\n"
      "+---------+-----+\n"
      "244\n"
      " |-- value: long (nullable = true)\n"
      "Stopped FileStreamSource[file:/tmp/w-1/datasets/s2.parquet]\n";
  EXPECT_EQ(maskLiveOutput(live, {"/tmp/w-1"}),
            "Batch: 1\n"
            "+-+-+\n"
            "|timestamp|value|\n"
            "+-+-+\n"
            "|<rows>|\n"
            "+-+-+\n"
            "\n"
            "+-+-+\n"
            "|timestamp|value|\n"
            "+-+-+\n"
            "+-+-+\n"
            "<count>\n"
            " |-- value: long (nullable = true)\n"
            "Stopped FileStreamSource[file:<dir>/datasets/s2.parquet]\n");
}

// The lecture's rate and file cells with a 1-second trigger and 3 batches per query (~10 s).
TEST(StreamingLectureExample, PrintsTheLectureOutputs) {
  RIVULET_REQUIRE_TESTDATA(airports, "datasets/airport-codes.csv");
  fs::path dir = makeTempDir("rivulet-lecture");
  fs::path work = dir / "work";
  std::string command = std::string("'") + STREAMING_LECTURE_EXE + "' '" + work.string() + "' '" +
                        airports.string() + "' 1000 > '" + (dir / "out.txt").string() + "' 2> '" +
                        (dir / "err.txt").string() + "'";
  int status = std::system(command.c_str());
  std::string out = readFile(dir / "out.txt");
  ASSERT_EQ(status, 0) << "stderr:\n" << readFile(dir / "err.txt") << "\nstdout:\n" << out;
  std::string canonical = fs::weakly_canonical(work).string();
  expectGolden(goldenDir("examples") / "streaming_lecture" / "expected.txt",
               maskLiveOutput(out, {canonical, work.string()}));

  // What the mask hides, checked here: the rate console batches hold 0, 1, 2, … in order …
  auto rates = tableRows(out, "### rate → console", "### ");
  ASSERT_FALSE(rates.empty());
  for (size_t i = 0; i < rates.size(); ++i) {
    ASSERT_EQ(rates[i].size(), 2u);
    EXPECT_EQ(rates[i][1], std::to_string(i));
  }
  // … and the file stream's idents are lower-cased airport idents, each row once.
  auto files = tableRows(out, "### With the schema", "### ");
  ASSERT_FALSE(files.empty());
  std::set<std::string> values;
  for (const auto& row : files) {
    ASSERT_EQ(row.size(), 3u);
    EXPECT_FALSE(row[2].empty());
    EXPECT_EQ(row[2].find_first_of("ABCDEFGHIJKLMNOPQRSTUVWXYZ"), std::string::npos) << row[2];
    EXPECT_TRUE(values.insert(row[1]).second) << "value " << row[1] << " twice";
  }
}

}  // namespace
}  // namespace rivulet::testing
