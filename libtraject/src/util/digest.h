// SHA-256, HMAC-SHA-256 and random bytes through OpenSSL's libcrypto, the one place traject calls
// it (the audit chain, BSN hashes, pseudonyms), and the hex form they are stored in.
#ifndef TRAJECT_UTIL_DIGEST_H_
#define TRAJECT_UTIL_DIGEST_H_

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace traject::digest {

// The 32-byte digests. Throw std::runtime_error only when OpenSSL itself fails.
std::string Sha256(std::string_view data);
std::string HmacSha256(std::string_view key, std::string_view data);

// Lower-case hex of `bytes`, two digits a byte.
std::string Hex(std::string_view bytes);
// SHA-256 of data given piece by piece (a backup's content, streamed).
class Sha256Stream {
 public:
  Sha256Stream();
  ~Sha256Stream();
  Sha256Stream(const Sha256Stream&) = delete;
  Sha256Stream& operator=(const Sha256Stream&) = delete;
  void Update(std::string_view data);
  // The 32-byte digest of everything given. Once only.
  std::string Finish();

 private:
  void* context_;  // EVP_MD_CTX
};

// Unambiguous encodings of fields for digesting: each as its length, ':' and its bytes; an
// absent value as '~' (a length starts with a digit).
void AppendField(std::string& out, std::string_view text);
void AppendField(std::string& out, std::int64_t value);
void AppendField(std::string& out, const std::optional<std::int64_t>& value);

// The bytes of lower-case hex text; nullopt for anything else.
std::optional<std::string> FromHex(std::string_view hex);

// `count` bytes from OpenSSL's cryptographically secure generator.
std::string RandomBytes(std::size_t count);

}  // namespace traject::digest

#endif  // TRAJECT_UTIL_DIGEST_H_
