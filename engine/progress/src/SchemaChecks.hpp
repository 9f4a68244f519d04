#pragma once
// What both back ends say when a store's schema is not the one this Sparring writes: one
// wording, so a trainee meets the same advice whatever holds their history.

#include "progress/Store.hpp"

#include <cstdint>
#include <string>

namespace sparring::progress {

/// A store written by a newer Sparring: refused, never touched.
[[nodiscard]] inline StoreError newerSchemaError(std::int64_t found, std::int64_t latest)
{
    return StoreError("written by a newer Sparring (store schema " + std::to_string(found) +
                      "; this one reads up to " + std::to_string(latest) +
                      "); it was left as it is: use the newer Sparring, or another --store");
}

/// A store older than this Sparring, opened to read: reading never migrates.
[[nodiscard]] inline StoreError olderSchemaError()
{
    return StoreError("written by an older Sparring; play a session with this one (which migrates the store "
                      "forward) before reading it");
}

} // namespace sparring::progress
