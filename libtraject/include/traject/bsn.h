// The BSN (burgerservicenummer) is never stored: the store keeps a keyed hash of it, so that a
// coordinator can find a participant by BSN, and nobody with the database alone can turn a
// hash back into a BSN (docs/security.md, "BSN").
//
// The key is a secret outside the database: StoreOptions::bsn_key, which the CLI reads from
// the file named by --bsn-key-file or TRAJECT_BSN_KEY_FILE. The same key must be used for as
// long as the database lives: a participant registered under one key is not found under another.
#ifndef TRAJECT_BSN_H_
#define TRAJECT_BSN_H_

#include <filesystem>
#include <string>
#include <string_view>

#include "traject/export.h"
#include "traject/status.h"

namespace traject {

// The shortest key accepted, in bytes.
inline constexpr std::size_t kMinBsnKeyBytes = 32;

// HMAC-SHA-256 of `bsn` under `key`, as 64 lower-case hex digits (OpenSSL's libcrypto).
// REQUIRES: key.size() >= kMinBsnKeyBytes and IsValidBsn(bsn) (participant.h).
TRAJECT_EXPORT std::string BsnHash(std::string_view key, std::string_view bsn);

// Reads a key file: its bytes, without a trailing newline. InvalidArgument when it holds fewer
// than kMinBsnKeyBytes, or when others than its owner may read or write it (a key others can
// read is no secret; the file is named, its content never shown); NotFound when it is missing.
TRAJECT_EXPORT Result<std::string> ReadBsnKeyFile(const std::filesystem::path& file);

}  // namespace traject

#endif  // TRAJECT_BSN_H_
