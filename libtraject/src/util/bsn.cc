#include "traject/bsn.h"

#include <fmt/format.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <sys/stat.h>

#include <fstream>
#include <sstream>
#include <stdexcept>

namespace traject {

std::string BsnHash(std::string_view key, std::string_view bsn) {
  unsigned char mac[EVP_MAX_MD_SIZE];
  unsigned int size = 0;
  if (HMAC(EVP_sha256(), key.data(), static_cast<int>(key.size()),
           reinterpret_cast<const unsigned char*>(bsn.data()), bsn.size(), mac, &size) == nullptr) {
    throw std::runtime_error("HMAC-SHA-256 failed");  // only on an OpenSSL failure
  }
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string hex;
  hex.reserve(size * 2);
  for (unsigned int i = 0; i < size; ++i) {
    hex += kDigits[mac[i] >> 4];
    hex += kDigits[mac[i] & 15];
  }
  return hex;
}

Result<std::string> ReadBsnKeyFile(const std::filesystem::path& file) {
  struct stat info {};
  if (::stat(file.c_str(), &info) != 0) {
    return Status::NotFound(fmt::format("BSN key file {}: cannot be read", file.string()));
  }
  if ((info.st_mode & (S_IRWXG | S_IRWXO)) != 0) {
    return Status::InvalidArgument(
        fmt::format("BSN key file {}: others than its owner may read or change it (mode {:o}); "
                    "make it the owner's alone: chmod 600 {}",
                    file.string(), info.st_mode & 0777, file.string()));
  }
  std::ifstream in(file, std::ios::binary);
  if (!in) return Status::NotFound(fmt::format("BSN key file {}: cannot be read", file.string()));
  std::ostringstream content;
  content << in.rdbuf();
  Result<std::string> key = content.str();
  while (!key->empty() && (key->back() == '\n' || key->back() == '\r')) key->pop_back();
  if (key->size() < kMinBsnKeyBytes) {
    return Status::InvalidArgument(fmt::format(
        "BSN key file {}: holds {} bytes, fewer than the {} a key needs; make one with: head -c "
        "32 /dev/urandom | base64 > {}",
        file.string(), key->size(), kMinBsnKeyBytes, file.string()));
  }
  return key;
}

}  // namespace traject
