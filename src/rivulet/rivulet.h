// Rivulet: Spark's DataFrame and Structured Streaming API in C++. The one header users need.
#pragma once

#include "rivulet/api/column.h"
#include "rivulet/api/data_frame.h"
#include "rivulet/api/data_frame_reader.h"
#include "rivulet/api/data_frame_writer.h"
#include "rivulet/api/data_stream_reader.h"
#include "rivulet/api/data_stream_writer.h"
#include "rivulet/api/functions.h"
#include "rivulet/api/session.h"
#include "rivulet/api/streaming_query.h"
#include "rivulet/api/trigger.h"
#include "rivulet/common/error.h"
#include "rivulet/types/data_type.h"
#include "rivulet/types/row.h"
#include "rivulet/types/value.h"
