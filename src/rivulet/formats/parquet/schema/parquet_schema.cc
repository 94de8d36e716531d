#include "rivulet/formats/parquet/schema/parquet_schema.h"

#include "rivulet/common/error.h"

namespace rivulet::parquet {

namespace {

[[noreturn]] void badSchema(const std::string& what) {
  throwUserError("FAILED_READ_FILE", "Invalid Parquet schema: " + what);
}

}  // namespace

ParquetSchema::ParquetSchema(const std::vector<SchemaElement>& elements) {
  if (elements.empty()) {
    badSchema("the schema list is empty");
  }
  nodes_.reserve(elements.size());
  size_t next = 0;
  build(elements, next, -1, 0);
  if (next != elements.size()) {
    badSchema("the root's children cover " + std::to_string(next) + " of " +
              std::to_string(elements.size()) + " schema elements");
  }
}

int ParquetSchema::build(const std::vector<SchemaElement>& elements, size_t& next, int parent,
                         int depth) {
  if (depth > 256) {
    badSchema("nesting deeper than 256 levels");
  }
  const SchemaElement& e = elements[next++];
  int index = static_cast<int>(nodes_.size());
  nodes_.emplace_back();
  {
    SchemaNode& n = nodes_.back();
    n.element = &e;
    n.name = e.name;
    n.parent = parent;
    n.repetition = parent < 0 ? Repetition::kRequired : e.repetition.value_or(Repetition::kOptional);
    if (parent >= 0) {
      const SchemaNode& p = nodes_[static_cast<size_t>(parent)];
      n.defLevel = static_cast<int16_t>(p.defLevel + (n.repetition != Repetition::kRequired ? 1 : 0));
      n.repLevel = static_cast<int16_t>(p.repLevel + (n.repetition == Repetition::kRepeated ? 1 : 0));
      n.path = p.parent < 0 ? e.name : p.path + "." + e.name;
    }
  }
  bool isGroup = parent < 0 || e.numChildren > 0 || !e.type.has_value();
  if (!isGroup) {
    if (e.type == PhysicalType::kFixedLenByteArray && (e.typeLength <= 0 || e.typeLength > (1 << 24))) {
      badSchema("column " + nodes_[static_cast<size_t>(index)].path +
                " is FIXED_LEN_BYTE_ARRAY with invalid length " + std::to_string(e.typeLength));
    }
    nodes_[static_cast<size_t>(index)].leaf = static_cast<int>(leafNodes_.size());
    leafNodes_.push_back(index);
    return index;
  }
  if (e.numChildren < 0 || static_cast<size_t>(e.numChildren) > elements.size() - next) {
    badSchema("group '" + e.name + "' claims " + std::to_string(e.numChildren) +
              " children but only " + std::to_string(elements.size() - next) + " elements follow");
  }
  if (parent >= 0 && e.numChildren == 0) {
    badSchema("group '" + e.name + "' has no children");
  }
  for (int c = 0; c < e.numChildren; ++c) {
    int child = build(elements, next, index, depth + 1);
    nodes_[static_cast<size_t>(index)].children.push_back(child);
  }
  return index;
}

void ParquetSchema::leavesUnder(int i, std::vector<int>& out) const {
  const SchemaNode& n = node(i);
  if (n.isLeaf()) {
    out.push_back(n.leaf);
    return;
  }
  for (int c : n.children) {
    leavesUnder(c, out);
  }
}

int ParquetSchema::firstLeaf(int i) const {
  const SchemaNode* n = &node(i);
  while (!n->isLeaf()) {
    n = &node(n->children[0]);
  }
  return n->leaf;
}

}  // namespace rivulet::parquet
