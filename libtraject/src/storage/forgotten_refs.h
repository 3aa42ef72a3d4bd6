// The list of forgotten participants that holds nothing identifying (schema version
// kSaltedChainSchema on): forgotten_refs keeps, per organisation, HMAC-SHA-256 of each forgotten
// reference under the audit key and when the forget was recorded. It travels in every backup
// made later, so that restoring an older backup can forget those participants again
// (RestoreOptions::forgotten_from, traject/backup.h). Without the key a row confirms no guess
// of a reference; with it, a reference can be tested, which is what a restore needs.
#ifndef TRAJECT_STORAGE_FORGOTTEN_REFS_H_
#define TRAJECT_STORAGE_FORGOTTEN_REFS_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "storage/statements.h"

namespace traject::storage {

struct ForgottenRow {
  std::string org;
  std::string ref_mac;            // hex
  std::int64_t forgotten_at = 0;  // the forget's record time, ms since the Unix epoch
};

// Hex HMAC-SHA-256 of `ref` of `org` under the audit key.
std::string ForgottenRefMac(std::string_view audit_key, const std::string& org,
                            std::string_view ref);

// Adds a row; for a reference forgotten before (it may be registered anew after a forget, and
// forgotten again) keeps the later record time. Throws soci::soci_error.
void RememberForgotten(Statements& sql, const ForgottenRow& row);

// Every row, of every organisation, ordered by organisation and mac. Throws soci::soci_error.
std::vector<ForgottenRow> ForgottenRows(Statements& sql);

}  // namespace traject::storage

#endif  // TRAJECT_STORAGE_FORGOTTEN_REFS_H_
