#include "traject/bsn.h"

#include <fmt/format.h>
#include <sys/stat.h>

#include <fstream>
#include <sstream>

#include "util/digest.h"

namespace traject {

std::string BsnHash(std::string_view key, std::string_view bsn) {
  return digest::Hex(digest::HmacSha256(key, bsn));
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
