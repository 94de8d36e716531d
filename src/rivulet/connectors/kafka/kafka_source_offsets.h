// The offset arithmetic of the Kafka stream, as Spark's KafkaMicroBatchStream does it: the rate
// limit split across partitions, the delay for minOffsetsPerTrigger, and the initial offsets
// file <checkpoint>/sources/<i>/0.
#pragma once

#include <cstdint>
#include <string>

#include "rivulet/connectors/kafka/kafka_options.h"

namespace rivulet::kafka {

/// The end offsets of a batch capped at `limit` records in total (Spark's rateLimit): each
/// partition with a backlog gets limit * backlog / totalBacklog, rounded up when below 1 and down
/// otherwise, never past its latest offset. `from`: where the batch starts; `fromNew`: the
/// earliest offsets of partitions in `until` but not in `from` (new partitions). Partitions
/// without a known start or without a backlog end at `until`.
PartitionOffsets rateLimitOffsets(int64_t limit,
                                  const PartitionOffsets& from,
                                  const PartitionOffsets& until,
                                  const PartitionOffsets& fromNew);

/// The records between `from` and `until` summed over the partitions of `until` (a partition
/// missing from `from` counts from 0), as Spark's delayBatch counts them.
int64_t newRecordCount(const PartitionOffsets& from, const PartitionOffsets& until);

/// The content of the initial offsets file: a 0x00 byte, "v1\n", then the offsets JSON.
std::string serializeInitialOffsets(const PartitionOffsets& offsets);

/// Parses the initial offsets file (the leading 0x00 byte is optional); throws a user error
/// naming `path` for an empty file, a bad or newer version line, or bad JSON.
PartitionOffsets parseInitialOffsets(const std::string& content, const std::string& path);

}  // namespace rivulet::kafka
