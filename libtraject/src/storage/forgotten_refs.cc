#include "storage/forgotten_refs.h"

#include "util/digest.h"

namespace traject::storage {

std::string ForgottenRefMac(std::string_view audit_key, const std::string& org,
                            std::string_view ref) {
  std::string text;
  digest::AppendField(text, "traject-forgotten-ref-1");
  digest::AppendField(text, org);
  digest::AppendField(text, ref);
  return digest::Hex(digest::HmacSha256(audit_key, text));
}

void RememberForgotten(Statements& sql, const ForgottenRow& row) {
  // The latest forget counts: a restore forgets again whoever was registered before it.
  Statement& s = sql.Get(
      "INSERT INTO forgotten_refs (org, ref_mac, forgotten_at) VALUES (:org, :mac, :at) ON "
      "CONFLICT (org, ref_mac) DO UPDATE SET forgotten_at = excluded.forgotten_at WHERE "
      "excluded.forgotten_at > forgotten_refs.forgotten_at");
  s.Run(row.org, row.ref_mac, row.forgotten_at);
}

std::vector<ForgottenRow> ForgottenRows(Statements& sql) {
  Statement& s =
      sql.Get("SELECT org, ref_mac, forgotten_at FROM forgotten_refs ORDER BY org, ref_mac", "tti");
  s.Run();
  std::vector<ForgottenRow> rows;
  while (s.Next()) rows.push_back({s.Text(0), s.Text(1), s.Int(2)});
  return rows;
}

}  // namespace traject::storage
