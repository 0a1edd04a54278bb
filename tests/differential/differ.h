// Runs statements through the router and on the reference server, compares
// them (outcome.h) and keeps the tally the suite prints:
// compared / equal / refused (1235) / failed.
#ifndef TESSERA_TESTS_DIFFERENTIAL_DIFFER_H_
#define TESSERA_TESTS_DIFFERENTIAL_DIFFER_H_

#include <map>
#include <string>
#include <vector>

#include "tessera/router.h"
#include "tests/differential/corpus_reader.h"
#include "tests/differential/outcome.h"

namespace tessera::difftest {

struct Tally {
  int compared = 0;
  int equal = 0;
  int refused = 0;
  int failed = 0;
  std::map<std::string, int> refusals;  // router message -> count
  std::vector<std::string> failures;    // one report per failed statement

  // "<name>: compared N, equal E, refused U, failed F" and the refusal
  // reasons, most frequent first.
  std::string Summary(const std::string& name) const;
};

class Differ {
 public:
  // `writes`: statements may change data. The router runs each statement
  // first; when it refuses one (1235) the reference does not run it, so both
  // sides keep the same data.
  Differ(Router& router, Session& session, ReferenceConnection& reference,
         bool writes)
      : router_(router),
        session_(session),
        reference_(reference),
        writes_(writes) {}

  // Runs and compares one statement; `where` names it in failure reports.
  // Returns false when it failed.
  bool Run(const Statement& statement, const std::string& where);

  const Tally& tally() const { return tally_; }

 private:
  Router& router_;
  Session& session_;
  ReferenceConnection& reference_;
  bool writes_;
  Tally tally_;
};

}  // namespace tessera::difftest

#endif  // TESSERA_TESTS_DIFFERENTIAL_DIFFER_H_
