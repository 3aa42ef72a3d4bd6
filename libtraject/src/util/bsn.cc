#include "traject/bsn.h"

#include "util/digest.h"

namespace traject {

std::string BsnHash(std::string_view key, std::string_view bsn) {
  return digest::Hex(digest::HmacSha256(key, bsn));
}

}  // namespace traject
