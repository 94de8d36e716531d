// ensureRegistered(): the function and format registries, filled once per process.
#include <mutex>

#include "rivulet/api/internal/dataframe_internal.h"
#include "rivulet/connectors/kafka/kafka_connector.h"
#include "rivulet/expr/function_registry.h"
#include "rivulet/formats/file_format.h"

namespace rivulet {

void ensureRegistered() {
  static std::once_flag once;
  std::call_once(once, [] {
    expr::registerBuiltinFunctions();
    registerFileFormats();
    registerJsonSqlFunctions();
    registerKafkaConnector();
  });
}

}  // namespace rivulet
