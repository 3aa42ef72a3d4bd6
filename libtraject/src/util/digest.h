// SHA-256 and HMAC-SHA-256 through OpenSSL's libcrypto, the one place traject calls it (the
// audit chain, BSN hashes), and the hex form both store.
#ifndef TRAJECT_UTIL_DIGEST_H_
#define TRAJECT_UTIL_DIGEST_H_

#include <string>
#include <string_view>

namespace traject::digest {

// The 32-byte digests. Throw std::runtime_error only when OpenSSL itself fails.
std::string Sha256(std::string_view data);
std::string HmacSha256(std::string_view key, std::string_view data);

// Lower-case hex of `bytes`, two digits a byte.
std::string Hex(std::string_view bytes);

}  // namespace traject::digest

#endif  // TRAJECT_UTIL_DIGEST_H_
