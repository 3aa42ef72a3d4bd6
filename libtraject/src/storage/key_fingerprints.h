// Which secret key an organisation's data was made with (schema version kSaltedChainSchema on):
// key_fingerprints holds, per organisation and purpose ("audit", "bsn"), an HMAC of a fixed text
// under the key. It tells one key from another without revealing either, so that a store opened
// with a different key than the one its forgets were authenticated with is refused at Open instead
// of writing data no later verification accepts.
#ifndef TRAJECT_STORAGE_KEY_FINGERPRINTS_H_
#define TRAJECT_STORAGE_KEY_FINGERPRINTS_H_

#include <string>
#include <string_view>

#include "storage/statements.h"
#include "traject/status.h"

namespace traject::storage {

inline constexpr std::string_view kAuditKeyPurpose = "audit";
// The BSN key (traject/bsn.h): recorded with the first BSN hashed under it, so that a store
// opened with another key is refused instead of missing a duplicate BSN.
inline constexpr std::string_view kBsnKeyPurpose = "bsn";

// Hex HMAC-SHA-256 of a fixed text naming `purpose`, under `key`.
std::string KeyFingerprint(std::string_view key, std::string_view purpose);

// InvalidArgument naming the option when `org` has a fingerprint for `purpose` that `key` does
// not match; OK when it has none. Throws soci::soci_error.
Status CheckKeyFingerprint(Statements& sql, const std::string& org, std::string_view purpose,
                           std::string_view key, std::string_view option);

// Records `key`'s fingerprint for `org` and `purpose` unless one is recorded. REQUIRES: inside
// the write transaction that first uses the key. Throws soci::soci_error.
void RecordKeyFingerprint(Statements& sql, const std::string& org, std::string_view purpose,
                          std::string_view key);

}  // namespace traject::storage

#endif  // TRAJECT_STORAGE_KEY_FINGERPRINTS_H_
