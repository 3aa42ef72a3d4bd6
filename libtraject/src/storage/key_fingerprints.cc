#include "storage/key_fingerprints.h"

#include <fmt/format.h>

#include "util/digest.h"

namespace traject::storage {
std::string KeyFingerprint(std::string_view key, std::string_view purpose) {
  std::string text;
  digest::AppendField(text, "traject-key-fingerprint-1");
  digest::AppendField(text, purpose);
  return digest::Hex(digest::HmacSha256(key, text));
}

Status CheckKeyFingerprint(Statements& sql, const std::string& org, std::string_view purpose,
                           std::string_view key, std::string_view option) {
  Statement& s = sql.Get(
      "SELECT fingerprint FROM key_fingerprints WHERE org = :org AND purpose = :purpose", "t");
  if (!s.Run(org, std::string(purpose)).One()) return Status::OK();
  if (s.Text(0) == KeyFingerprint(key, purpose)) return Status::OK();
  return Status::InvalidArgument(
             fmt::format("the {} key given is not the one organisation '{}' used before (its "
                         "fingerprint differs): give that key",
                         purpose, org))
      .WithField(std::string(option));
}

void RecordKeyFingerprint(Statements& sql, const std::string& org, std::string_view purpose,
                          std::string_view key) {
  Statement& s = sql.Get(
      "INSERT INTO key_fingerprints (org, purpose, fingerprint) VALUES (:org, :purpose, :f) ON "
      "CONFLICT (org, purpose) DO NOTHING");
  s.Run(org, std::string(purpose), KeyFingerprint(key, purpose));
}

}  // namespace traject::storage
