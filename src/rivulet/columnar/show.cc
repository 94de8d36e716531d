#include "rivulet/columnar/show.h"

#include <algorithm>
#include <vector>

#include "rivulet/columnar/cast_string.h"
#include "rivulet/common/time/time_zone.h"

namespace rivulet {

namespace {

constexpr int64_t kMinimumColWidth = 3;
constexpr int64_t kMaxNumRows = 2147483631;

// Spark's fullWidthRegex: the BMP ranges a terminal draws two cells wide.
bool isFullWidth(uint32_t cp) {
  return (cp >= 0x1100 && cp <= 0x115F) || (cp >= 0x2E80 && cp <= 0xA4CF) ||
         (cp >= 0xAC00 && cp <= 0xD7A3) || (cp >= 0xF900 && cp <= 0xFAFF) ||
         (cp >= 0xFE10 && cp <= 0xFE19) || (cp >= 0xFE30 && cp <= 0xFE6F) ||
         (cp >= 0xFF00 && cp <= 0xFF60) || (cp >= 0xFFE0 && cp <= 0xFFE6);
}

// Decodes one UTF-8 character at s[i]; returns its byte length (1 for an invalid byte, which
// then counts as one character).
size_t decodeUtf8(std::string_view s, size_t i, uint32_t& cp) {
  auto b0 = static_cast<unsigned char>(s[i]);
  if (b0 < 0x80) {
    cp = b0;
    return 1;
  }
  size_t len = b0 >= 0xF0 ? 4 : b0 >= 0xE0 ? 3 : b0 >= 0xC0 ? 2 : 0;
  if (len == 0 || i + len > s.size()) {
    cp = 0xFFFD;
    return 1;
  }
  cp = b0 & (0x7F >> len);
  for (size_t k = 1; k < len; ++k) {
    auto b = static_cast<unsigned char>(s[i + k]);
    if ((b & 0xC0) != 0x80) {
      cp = 0xFFFD;
      return 1;
    }
    cp = (cp << 6) | (b & 0x3F);
  }
  return len;
}

// UTF-16 code units (Java's String.length) of UTF-8 text.
int64_t utf16Length(std::string_view s) {
  int64_t n = 0;
  for (size_t i = 0; i < s.size();) {
    uint32_t cp;
    i += decodeUtf8(s, i, cp);
    n += cp >= 0x10000 ? 2 : 1;
  }
  return n;
}

bool isAscii(std::string_view s) {
  for (char c : s) {
    if (static_cast<unsigned char>(c) >= 0x80) {
      return false;
    }
  }
  return true;
}

const char* metaEscape(char c) {
  switch (c) {
    case '\n':
      return "\\n";
    case '\r':
      return "\\r";
    case '\t':
      return "\\t";
    case '\f':
      return "\\f";
    case '\b':
      return "\\b";
    case '\v':
      return "\\v";
    case '\a':
      return "\\a";
    default:
      return nullptr;
  }
}

// SchemaUtils.escapeMetaCharacters: control characters that would break the table become
// two-character escapes. Returns `s` itself when nothing needs escaping.
std::string_view escapeMeta(std::string_view s, std::string& scratch) {
  size_t i = 0;
  while (i < s.size() && metaEscape(s[i]) == nullptr) {
    ++i;
  }
  if (i == s.size()) {
    return s;
  }
  scratch.assign(s.data(), i);
  for (; i < s.size(); ++i) {
    const char* e = metaEscape(s[i]);
    if (e != nullptr) {
      scratch += e;
    } else {
      scratch += s[i];
    }
  }
  return scratch;
}

// The cells of one column: texts one after another, with their half widths.
struct ColumnCells {
  std::string text;
  std::vector<size_t> ends;
  std::vector<int64_t> widths;

  std::string_view cell(size_t i) const {
    size_t begin = i == 0 ? 0 : ends[i - 1];
    return std::string_view(text).substr(begin, ends[i] - begin);
  }
};

// Appends a cell: escaped, cut to `truncate` UTF-16 units as Java's substring does, measured.
void addCell(ColumnCells& cells, std::string_view raw, int truncate, std::string& scratch) {
  std::string_view s = escapeMeta(raw, scratch);
  if (isAscii(s)) {
    if (truncate > 0 && static_cast<int64_t>(s.size()) > truncate) {
      size_t keep =
          truncate < 4 ? static_cast<size_t>(truncate) : static_cast<size_t>(truncate - 3);
      cells.text.append(s.data(), keep);
      if (truncate >= 4) {
        cells.text += "...";
      }
      cells.widths.push_back(truncate);
    } else {
      cells.text.append(s);
      cells.widths.push_back(static_cast<int64_t>(s.size()));
    }
    cells.ends.push_back(cells.text.size());
    return;
  }
  int64_t length = utf16Length(s);
  int64_t limit = length;
  bool cut = truncate > 0 && length > truncate;
  if (cut) {
    limit = truncate < 4 ? truncate : truncate - 3;
  }
  int64_t units = 0;
  int64_t width = 0;
  for (size_t i = 0; i < s.size() && units < limit;) {
    uint32_t cp;
    size_t len = decodeUtf8(s, i, cp);
    int64_t u = cp >= 0x10000 ? 2 : 1;
    if (units + u > limit) {
      // Java keeps the high surrogate alone; printed, it becomes '?'.
      cells.text += '?';
      units += 1;
      width += 1;
      break;
    }
    cells.text.append(s.data() + i, len);
    units += u;
    width += u + (isFullWidth(cp) ? 1 : 0);
    i += len;
  }
  if (cut && truncate >= 4) {
    cells.text += "...";
    width += 3;
  }
  cells.widths.push_back(width);
  cells.ends.push_back(cells.text.size());
}

ColumnCells formatColumn(const Vector& column,
                         int64_t numRows,
                         int truncate,
                         const TextStyle& style) {
  ColumnCells cells;
  cells.ends.reserve(static_cast<size_t>(numRows));
  cells.widths.reserve(static_cast<size_t>(numRows));
  std::string raw;
  std::string scratch;
  bool isString = column.typeId() == TypeId::kString;
  for (int64_t r = 0; r < numRows; ++r) {
    if (column.isNull(r)) {
      addCell(cells, style.nullString, truncate, scratch);
    } else if (isString) {
      addCell(cells, column.stringAt(r), truncate, scratch);
    } else {
      raw.clear();
      appendCellText(column, r, style, raw);
      addCell(cells, raw, truncate, scratch);
    }
  }
  return cells;
}

void appendPadded(
    std::string& out, std::string_view cell, int64_t cellWidth, int64_t colWidth, bool alignRight) {
  size_t pad = colWidth > cellWidth ? static_cast<size_t>(colWidth - cellWidth) : 0;
  if (alignRight) {
    out.append(pad, ' ');
    out.append(cell);
  } else {
    out.append(cell);
    out.append(pad, ' ');
  }
}

void appendTable(std::string& out,
                 const ColumnCells& header,
                 const std::vector<ColumnCells>& columns,
                 int64_t shown,
                 bool alignRight) {
  size_t numCols = columns.size();
  std::vector<int64_t> colWidths(numCols, kMinimumColWidth);
  for (size_t c = 0; c < numCols; ++c) {
    colWidths[c] = std::max(colWidths[c], header.widths[c]);
    for (int64_t w : columns[c].widths) {
      colWidths[c] = std::max(colWidths[c], w);
    }
  }
  std::string sep = "+";
  for (size_t c = 0; c < numCols; ++c) {
    sep.append(static_cast<size_t>(colWidths[c]), '-');
    sep += '+';
  }
  sep += '\n';
  out += sep;
  out += '|';
  for (size_t c = 0; c < numCols; ++c) {
    appendPadded(out, header.cell(c), header.widths[c], colWidths[c], alignRight);
    out += '|';
  }
  out += '\n';
  out += sep;
  for (int64_t r = 0; r < shown; ++r) {
    out += '|';
    for (size_t c = 0; c < numCols; ++c) {
      auto i = static_cast<size_t>(r);
      appendPadded(out, columns[c].cell(i), columns[c].widths[i], colWidths[c], alignRight);
      out += '|';
    }
    out += '\n';
  }
  out += sep;
}

void appendVertical(std::string& out,
                    const ColumnCells& header,
                    const std::vector<ColumnCells>& columns,
                    int64_t shown) {
  size_t numCols = columns.size();
  int64_t nameWidth = kMinimumColWidth;
  for (int64_t w : header.widths) {
    nameWidth = std::max(nameWidth, w);
  }
  int64_t dataWidth = kMinimumColWidth;
  for (const auto& column : columns) {
    for (int64_t w : column.widths) {
      dataWidth = std::max(dataWidth, w);
    }
  }
  for (int64_t r = 0; r < shown; ++r) {
    std::string title = "-RECORD " + std::to_string(r);
    out += title;
    auto lineWidth = static_cast<size_t>(nameWidth + dataWidth + 5);
    if (title.size() < lineWidth) {
      out.append(lineWidth - title.size(), '-');
    }
    out += '\n';
    for (size_t c = 0; c < numCols; ++c) {
      auto i = static_cast<size_t>(r);
      out += ' ';
      appendPadded(out, header.cell(c), header.widths[c], nameWidth, false);
      out += " | ";
      appendPadded(out, columns[c].cell(i), columns[c].widths[i], dataWidth, false);
      out += " \n";
    }
  }
}

}  // namespace

int64_t stringHalfWidth(std::string_view text) {
  int64_t width = 0;
  for (size_t i = 0; i < text.size();) {
    uint32_t cp;
    i += decodeUtf8(text, i, cp);
    width += (cp >= 0x10000 ? 2 : 1) + (isFullWidth(cp) ? 1 : 0);
  }
  return width;
}

std::string showString(const Batch& rows, const StructType& schema, const ShowOptions& options) {
  time::TimeZonePtr fallbackZone;
  const time::TimeZone* zone = options.zone;
  if (zone == nullptr) {
    fallbackZone = time::TimeZone::systemDefault();
    zone = fallbackZone.get();
  }
  TextStyle style;
  style.zone = zone;
  style.nullString = options.nullString;
  style.binaryAsHex = true;
  style.decimalPlain = true;

  // Spark clamps to ByteArrayMethods.MAX_ROUNDED_ARRAY_LENGTH - 1.
  int64_t numRows = std::clamp<int64_t>(options.numRows, 0, kMaxNumRows);
  int64_t shown = std::min(numRows, rows.numRows());
  bool hasMoreData = rows.numRows() > numRows;
  size_t numCols = std::min(schema.size(), rows.numColumns());

  // Headers are escaped but never cut.
  ColumnCells header;
  std::string scratch;
  for (size_t c = 0; c < numCols; ++c) {
    addCell(header, schema[c].name, 0, scratch);
  }
  std::vector<ColumnCells> columns;
  columns.reserve(numCols);
  for (size_t c = 0; c < numCols; ++c) {
    columns.push_back(formatColumn(*rows.column(c), shown, options.truncate, style));
  }

  std::string out;
  if (!options.vertical) {
    appendTable(out, header, columns, shown, options.truncate > 0);
  } else {
    appendVertical(out, header, columns, shown);
  }
  if (options.vertical && shown == 0) {
    out += "(0 rows)\n";
  } else if (hasMoreData) {
    out += "only showing top " + std::to_string(numRows) + (numRows == 1 ? " row\n" : " rows\n");
  }
  return out;
}

}  // namespace rivulet
