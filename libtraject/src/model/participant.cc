#include "traject/participant.h"

#include <fmt/format.h>

#include <algorithm>

namespace traject {

std::string_view ToString(TargetGroup group) {
  switch (group) {
    case TargetGroup::kStatushouder:
      return "statushouder";
    case TargetGroup::kJongere:
      return "jongere";
    case TargetGroup::kVijftigPlusser:
      return "50-plusser";
  }
  return "?";
}

Result<TargetGroup> ParseTargetGroup(std::string_view text) {
  for (TargetGroup group : kAllTargetGroups) {
    if (ToString(group) == text) return group;
  }
  return Status::InvalidArgument(fmt::format(
      "unknown target group '{}' (expected statushouder, jongere or 50-plusser)", text));
}

std::vector<TargetGroup> AgeGroupsOn(Date birth, Date on) {
  const int age = AgeOn(birth, on);
  if (age < 27) return {TargetGroup::kJongere};
  if (age >= 50) return {TargetGroup::kVijftigPlusser};
  return {};
}

std::vector<TargetGroup> GroupsOn(const Participant& participant, Date on) {
  std::vector<TargetGroup> groups = participant.groups;
  if (participant.birth) {
    for (TargetGroup group : AgeGroupsOn(*participant.birth, on)) groups.push_back(group);
  }
  std::sort(groups.begin(), groups.end());
  groups.erase(std::unique(groups.begin(), groups.end()), groups.end());
  return groups;
}

std::string_view ToString(ContactKind kind) {
  switch (kind) {
    case ContactKind::kInvited:
      return "invited";
    case ContactKind::kConversation:
      return "conversation";
    case ContactKind::kNoResponse:
      return "no-response";
    case ContactKind::kHomeVisit:
      return "home-visit";
  }
  return "?";
}

Result<ContactKind> ParseContactKind(std::string_view text) {
  for (ContactKind kind : {ContactKind::kInvited, ContactKind::kConversation,
                           ContactKind::kNoResponse, ContactKind::kHomeVisit}) {
    if (ToString(kind) == text) return kind;
  }
  return Status::InvalidArgument(fmt::format(
      "unknown contact kind '{}' (expected invited, conversation, no-response or home-visit)",
      text));
}

std::string_view ToString(CaseworkerRole role) {
  return role == CaseworkerRole::kKlantmanager ? "klantmanager" : "jobhunter";
}

Result<CaseworkerRole> ParseCaseworkerRole(std::string_view text) {
  if (text == "klantmanager") return CaseworkerRole::kKlantmanager;
  if (text == "jobhunter") return CaseworkerRole::kJobhunter;
  return Status::InvalidArgument(
      fmt::format("unknown caseworker role '{}' (expected klantmanager or jobhunter)", text));
}

bool IsValidBsn(std::string_view bsn) {
  if (bsn.size() != 9) return false;
  int sum = 0;
  for (int i = 0; i < 9; ++i) {
    const char c = bsn[static_cast<std::size_t>(i)];
    if (c < '0' || c > '9') return false;
    const int weight = i == 8 ? -1 : 9 - i;
    sum += weight * (c - '0');
  }
  return sum % 11 == 0 && bsn != "000000000";
}

std::string CaseworkerOn(const Participant& participant, CaseworkerRole role, Date day) {
  using std::chrono::sys_days;
  std::string name;
  for (const CaseworkerAssignment& a : participant.assignments) {
    if (a.role != role || sys_days(a.from) > sys_days(day)) continue;
    name = a.until && sys_days(*a.until) <= sys_days(day) ? std::string() : a.name;
  }
  return name;
}

}  // namespace traject
