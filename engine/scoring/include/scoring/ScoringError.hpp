#pragma once
// The one exception type of the scoring module: an environment failure where an object cannot
// exist (ICU or the stemmer missing, a model file unreadable). Content problems are diagnostics.

#include <stdexcept>
#include <string>

namespace sparring::scoring {

class ScoringError : public std::runtime_error {
public:
    explicit ScoringError(const std::string& what) : std::runtime_error(what) {}
};

} // namespace sparring::scoring
