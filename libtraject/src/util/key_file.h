// Reading a secret key from a file (the BSN key, traject/bsn.h; the audit key, traject/audit.h).
#ifndef TRAJECT_UTIL_KEY_FILE_H_
#define TRAJECT_UTIL_KEY_FILE_H_

#include <filesystem>
#include <string>
#include <string_view>

#include "traject/status.h"

namespace traject {

// The file's bytes without a trailing newline. `what` names the key in messages ("BSN key").
// NotFound when it cannot be read; InvalidArgument when it holds fewer than `min_bytes`, is a
// link or not a regular file, is owned by another user, others than its owner may read or
// write it, or its directory may be written by others (who could replace it) unless that
// directory is sticky (as /tmp is). The file is named, its content never shown.
Result<std::string> ReadKeyFile(const std::filesystem::path& file, std::string_view what,
                                std::size_t min_bytes);

}  // namespace traject

#endif  // TRAJECT_UTIL_KEY_FILE_H_
