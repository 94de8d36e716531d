// ParquetSchema: the footer's flat, depth-first schema list as a tree, with each node's
// definition and repetition levels and each leaf's column index and dotted path.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "rivulet/formats/parquet/thrift/parquet_types.h"

namespace rivulet::parquet {

struct SchemaNode {
  const SchemaElement* element = nullptr;
  std::string name;
  Repetition repetition = Repetition::kRequired;
  /// Definition level at which this node is present (counts this node when not required).
  int16_t defLevel = 0;
  /// Repetition level of this node (counts this node when repeated).
  int16_t repLevel = 0;
  int parent = -1;
  std::vector<int> children;
  /// Column index for a leaf; -1 for groups.
  int leaf = -1;
  /// "a.list.element".
  std::string path;

  bool isLeaf() const { return leaf >= 0; }
};

class ParquetSchema {
 public:
  /// Builds the tree; throws a user error on an inconsistent list (children counts that run
  /// past the end, leaves without a type, nesting deeper than 256 levels).
  explicit ParquetSchema(const std::vector<SchemaElement>& elements);

  const SchemaNode& node(int i) const { return nodes_[static_cast<size_t>(i)]; }

  const SchemaNode& root() const { return nodes_[0]; }

  int numLeaves() const { return static_cast<int>(leafNodes_.size()); }

  /// Node index of column `leaf`.
  int leafNode(int leaf) const { return leafNodes_[static_cast<size_t>(leaf)]; }

  /// The leaf columns under node `i`, in order.
  void leavesUnder(int i, std::vector<int>& out) const;

  /// The first leaf column under node `i`.
  int firstLeaf(int i) const;

 private:
  int build(const std::vector<SchemaElement>& elements, size_t& next, int parent, int depth);

  std::vector<SchemaNode> nodes_;
  std::vector<int> leafNodes_;
};

}  // namespace rivulet::parquet
