#include "rivulet/formats/parquet/reader/record_assembler.h"

#include <cstring>

#include "rivulet/common/error.h"

namespace rivulet::parquet {

namespace {

[[noreturn]] void mismatch(const ReadNode& n, const std::string& what) {
  throwUserError("FAILED_READ_FILE", "Inconsistent nested data in Parquet column '" + n.path + "': " + what);
}

VectorPtr allNulls(const DataTypePtr& type, int64_t n) {
  auto v = Vector::make(type, n);
  if (type->isFixedWidth() && n > 0) {
    std::memset(v->valueBuffer().data(), 0, v->valueBuffer().size());
  }
  uint64_t* bits = v->mutableValidity();
  std::memset(bits, 0, static_cast<size_t>((n + 63) / 64) * 8);
  return v;
}

class Assembler {
 public:
  explicit Assembler(std::vector<LeafBatch>& leaves) : leaves_(leaves), cursors_(leaves.size(), 0) {}

  VectorPtr build(const ReadNode& n, int16_t slotRep, int16_t slotDef, int64_t slots) {
    switch (n.kind) {
      case ReadNode::Kind::kMissing: return allNulls(n.type, slots);
      case ReadNode::Kind::kLeaf: return buildLeaf(n, slotRep, slotDef, slots);
      case ReadNode::Kind::kStruct: return buildStruct(n, slotRep, slotDef, slots);
      case ReadNode::Kind::kList:
      case ReadNode::Kind::kMap: return buildList(n, slotRep, slotDef, slots);
    }
    return nullptr;
  }

 private:
  static bool isSlot(const LeafBatch& b, int64_t i, int16_t slotRep, int16_t slotDef) {
    return (b.rep.empty() || b.rep[static_cast<size_t>(i)] <= slotRep) &&
           (b.def.empty() || b.def[static_cast<size_t>(i)] >= slotDef);
  }

  VectorPtr buildLeaf(const ReadNode& n, int16_t slotRep, int16_t slotDef, int64_t slots) {
    LeafBatch& b = leaves_[static_cast<size_t>(n.leaf)];
    VectorPtr values = b.values;
    int64_t nonNull = values->size();
    if (b.placed) {
      // Without repetition every entry is a slot and the reader placed the values already.
      if (nonNull != slots || b.numEntries != slots) {
        mismatch(n, std::to_string(b.numEntries) + " values for " + std::to_string(slots) + " rows");
      }
      return values;
    }
    if (b.def.empty() && b.rep.empty()) {
      if (nonNull != slots) {
        mismatch(n, std::to_string(nonNull) + " values for " + std::to_string(slots) + " rows");
      }
      return values;
    }
    // Positions of this leaf's slots and which of them hold values.
    int16_t maxDef = n.nullDef;
    int64_t count = 0;
    bool anyNull = false;
    for (int64_t i = 0; i < b.numEntries; ++i) {
      if (isSlot(b, i, slotRep, slotDef)) {
        ++count;
        anyNull |= !b.def.empty() && b.def[static_cast<size_t>(i)] < maxDef;
      }
    }
    if (count != slots) {
      mismatch(n, std::to_string(count) + " values where the enclosing structure has " + std::to_string(slots));
    }
    if (!anyNull) {
      if (nonNull != count) {
        mismatch(n, "value count differs from the level count");
      }
      return values;
    }
    auto out = Vector::make(n.type, count);
    uint64_t* validity = out->mutableValidity();
    const DataType& t = *n.type;
    int64_t vi = 0;
    int64_t k = 0;
    if (t.isFixedWidth()) {
      int w = t.fixedWidth();
      const uint8_t* src = values->valueBuffer().data();
      uint8_t* dst = out->valueBuffer().data();
      for (int64_t i = 0; i < b.numEntries; ++i) {
        if (!isSlot(b, i, slotRep, slotDef)) {
          continue;
        }
        if (b.def[static_cast<size_t>(i)] >= maxDef) {
          if (vi >= nonNull) {
            mismatch(n, "more defined levels than values");
          }
          std::memcpy(dst + k * w, src + vi * w, static_cast<size_t>(w));
          ++vi;
        } else {
          std::memset(dst + k * w, 0, static_cast<size_t>(w));
          validity[k >> 6] &= ~(uint64_t{1} << (k & 63));
        }
        ++k;
      }
    } else {
      const int64_t* srcOffsets = values->offsets();
      int64_t* offsets = out->offsets();
      offsets[0] = 0;
      for (int64_t i = 0; i < b.numEntries; ++i) {
        if (!isSlot(b, i, slotRep, slotDef)) {
          continue;
        }
        if (b.def[static_cast<size_t>(i)] >= maxDef) {
          if (vi >= nonNull) {
            mismatch(n, "more defined levels than values");
          }
          offsets[k + 1] = srcOffsets[vi + 1];
          ++vi;
        } else {
          offsets[k + 1] = offsets[k];
          validity[k >> 6] &= ~(uint64_t{1} << (k & 63));
        }
        ++k;
      }
      out->bytes() = std::move(values->bytes());
    }
    if (vi != nonNull) {
      mismatch(n, std::to_string(nonNull - vi) + " values left over");
    }
    return out;
  }

  VectorPtr buildStruct(const ReadNode& n, int16_t slotRep, int16_t slotDef, int64_t slots) {
    auto out = Vector::make(n.type, 0);
    if (n.leaf >= 0) {
      const LeafBatch& b = leaves_[static_cast<size_t>(n.leaf)];
      int64_t count = 0;
      std::vector<int64_t> nulls;
      for (int64_t i = 0; i < b.numEntries; ++i) {
        if (isSlot(b, i, slotRep, slotDef)) {
          if (!b.def.empty() && b.def[static_cast<size_t>(i)] < n.nullDef) {
            nulls.push_back(count);
          }
          ++count;
        }
      }
      if (count != slots) {
        mismatch(n, std::to_string(count) + " rows where the enclosing structure has " + std::to_string(slots));
      }
      out->resize(slots);
      for (int64_t k : nulls) {
        out->setNull(k, true);
      }
    } else {
      out->resize(slots);
    }
    for (size_t c = 0; c < n.children.size(); ++c) {
      out->children()[c] = build(n.children[c], slotRep, slotDef, slots);
    }
    return out;
  }

  VectorPtr buildList(const ReadNode& n, int16_t slotRep, int16_t slotDef, int64_t slots) {
    const LeafBatch& b = leaves_[static_cast<size_t>(n.leaf)];
    auto out = Vector::make(n.type, slots);
    int64_t* offsets = out->offsets();
    offsets[0] = 0;
    int64_t row = -1;
    int64_t elements = 0;
    for (int64_t i = 0; i < b.numEntries; ++i) {
      int16_t rep = b.rep.empty() ? 0 : b.rep[static_cast<size_t>(i)];
      int16_t def = b.def.empty() ? n.elemDef : b.def[static_cast<size_t>(i)];
      if (rep <= slotRep && def >= slotDef) {
        if (row >= 0) {
          offsets[row + 1] = elements;
        }
        ++row;
        if (row >= slots) {
          mismatch(n, "more list rows than the enclosing structure has (" + std::to_string(slots) + ")");
        }
        if (def < n.nullDef) {
          out->setNull(row, true);
        }
      }
      if (rep <= n.elemRep && def >= n.elemDef) {
        if (row < 0) {
          mismatch(n, "a list element before its first row");
        }
        ++elements;
      }
    }
    if (row >= 0) {
      offsets[row + 1] = elements;
    }
    if (row + 1 != slots) {
      mismatch(n, std::to_string(row + 1) + " list rows where the enclosing structure has " + std::to_string(slots));
    }
    for (size_t c = 0; c < n.children.size(); ++c) {
      out->children()[c] = build(n.children[c], n.elemRep, n.elemDef, elements);
    }
    return out;
  }

  std::vector<LeafBatch>& leaves_;
  std::vector<int64_t> cursors_;
};

}  // namespace

VectorPtr assembleColumn(const ReadNode& node, std::vector<LeafBatch>& leaves, int64_t numRecords) {
  Assembler a(leaves);
  return a.build(node, 0, 0, numRecords);
}

}  // namespace rivulet::parquet
