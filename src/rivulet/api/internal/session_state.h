// SessionState: what a Session shares with its DataFrames: configuration and the time zone.
#pragma once

#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>

#include "rivulet/common/time/time_zone.h"

namespace rivulet {
class StreamingQueryManagerState;
}

namespace rivulet {

class SessionState {
 public:
  SessionState();

  void setConf(const std::string& key, const std::string& value);

  std::optional<std::string> getConf(const std::string& key) const;

  void unsetConf(const std::string& key);

  /// spark.sql.session.timeZone (default: the machine's zone).
  time::TimeZonePtr zone() const;

  std::string appName() const;

  /// The session's streaming queries.
  std::shared_ptr<StreamingQueryManagerState> queries() const { return queries_; }

 private:
  mutable std::mutex mu_;
  std::map<std::string, std::string> conf_;
  time::TimeZonePtr zone_;
  std::shared_ptr<StreamingQueryManagerState> queries_;
};

}  // namespace rivulet
