// A temporary directory for one test, removed (recursively) on destruction.
// Lives under $TEST_TMPDIR when Bazel sets it, else under /tmp.
#ifndef TESSERA_LIB_TESTING_SCRATCH_DIR_H_
#define TESSERA_LIB_TESTING_SCRATCH_DIR_H_

#include <string>

#include "absl/status/statusor.h"

namespace tessera::testing {

class ScratchDir {
 public:
  static absl::StatusOr<ScratchDir> Create(const std::string& prefix);
  ScratchDir(ScratchDir&& other) noexcept : path_(std::move(other.path_)) {
    other.path_.clear();
  }
  ScratchDir& operator=(ScratchDir&&) = delete;
  ~ScratchDir();

  const std::string& path() const { return path_; }

 private:
  explicit ScratchDir(std::string path) : path_(std::move(path)) {}
  std::string path_;
};

}  // namespace tessera::testing

#endif  // TESSERA_LIB_TESTING_SCRATCH_DIR_H_
