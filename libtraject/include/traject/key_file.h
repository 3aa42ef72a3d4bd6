// New secret keys: the BSN key (traject/bsn.h), the audit key (traject/audit.h) and the backup
// key (traject/backup.h) are each a file of the user's own; `traject keygen FILE` writes one.
#ifndef TRAJECT_KEY_FILE_H_
#define TRAJECT_KEY_FILE_H_

#include <string>

#include "traject/export.h"
#include "traject/status.h"

namespace traject {

// Random bytes of a new key (libsodium's randombytes_buf, the system's CSPRNG).
inline constexpr std::size_t kNewKeyRandomBytes = 32;

// Writes a new key to a new file `path`: kNewKeyRandomBytes random bytes in base64 and a
// newline (44 characters of key: more than any traject key needs), mode 600, as
// WritePrivateFile writes (traject/private_file.h) with ExistingFile::kRefuse: an existing file
// is never replaced (a key overwritten is data lost); InvalidArgument in a directory others may
// write (not sticky), where no key is read from either. Errors name `path`, never the key.
TRAJECT_EXPORT Status WriteNewKeyFile(const std::string& path);

}  // namespace traject

#endif  // TRAJECT_KEY_FILE_H_
