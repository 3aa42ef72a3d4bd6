// Participant: a person on bijstand followed by traject, known by a pseudonymous reference.
//
// The reference (`ref`) is chosen by the organisation and is unique within it; it is the only
// identifier traject shows. A BSN, when given, is never stored in the clear (a later release
// stores a keyed hash; until then traject only records that one was verified).
#ifndef TRAJECT_PARTICIPANT_H_
#define TRAJECT_PARTICIPANT_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "traject/correction.h"
#include "traject/date.h"
#include "traject/export.h"
#include "traject/status.h"

namespace traject {

// Target groups with their own goals. Persisted (event payloads, projections) by the name
// given by ToString; the numeric values are bit positions in the projection: do not renumber.
enum class TargetGroup : std::uint8_t {
  kStatushouder = 0,    // refugee with a residence permit
  kJongere = 1,         // under 27
  kVijftigPlusser = 2,  // 50 or older
};
inline constexpr TargetGroup kAllTargetGroups[] = {
    TargetGroup::kStatushouder, TargetGroup::kJongere, TargetGroup::kVijftigPlusser};

// "statushouder", "jongere", "50-plusser".
TRAJECT_EXPORT std::string_view ToString(TargetGroup group);
TRAJECT_EXPORT Result<TargetGroup> ParseTargetGroup(std::string_view text);

// The groups that follow from age alone on `on`: jongere under 27, 50-plusser from 50.
TRAJECT_EXPORT std::vector<TargetGroup> AgeGroupsOn(Date birth, Date on);

// Cohort contact outcomes of the cohortaanpak. Persisted by name: do not rename.
enum class ContactKind : std::uint8_t {
  kInvited = 0,       // "invited": invitation sent
  kConversation = 1,  // "conversation": conversation held
  kNoResponse = 2,    // "no-response": no reaction to the invitation
  kHomeVisit = 3,     // "home-visit": home visit made
};
TRAJECT_EXPORT std::string_view ToString(ContactKind kind);
TRAJECT_EXPORT Result<ContactKind> ParseContactKind(std::string_view text);

// Caseworker roles a participant can be assigned to. Persisted by name.
enum class CaseworkerRole : std::uint8_t {
  kKlantmanager = 0,  // "klantmanager"
  kJobhunter = 1,     // "jobhunter"
};
TRAJECT_EXPORT std::string_view ToString(CaseworkerRole role);
TRAJECT_EXPORT Result<CaseworkerRole> ParseCaseworkerRole(std::string_view text);

struct CohortContact {
  Date date{};
  ContactKind kind = ContactKind::kInvited;
};

// One period in which a caseworker held a role for the participant: from `from` (inclusive)
// until `until` (exclusive: the day a successor took over or the assignment ended), open while
// current.
struct CaseworkerAssignment {
  CaseworkerRole role = CaseworkerRole::kKlantmanager;
  std::string name{};
  Date from{};
  std::optional<Date> until{};
  std::string end_reason{};  // why it ended without a successor; empty otherwise
};

struct Participant {
  std::string ref{};                  // pseudonymous reference, unique per organisation
  std::optional<Date> birth{};        // birth date, when known
  std::string area{};                 // cohort area, e.g. "Bijlmer Oost"; may be empty
  std::string cohort{};               // cohort label, e.g. "2019-09 Bijlmer Oost"; may be empty
  std::vector<TargetGroup> groups{};  // explicitly recorded target groups, sorted, unique
  std::string klantmanager{};         // current klantmanager; empty when none
  std::string jobhunter{};            // current jobhunter; empty when none
  Date registered{};                  // date of aanmelding in traject
  bool bsn_verified = false;          // a valid BSN (elfproef) was given at registration
  std::string bsn_hash{};             // its keyed hash (traject/bsn.h); empty when none was given
  // Erased by Store::ForgetParticipant: `ref` is a pseudonym, and no command about it is taken.
  bool forgotten = false;
  // Loaded by Store::GetParticipant only (lists leave them empty):
  std::vector<CohortContact> contacts{};            // cohort contact history, oldest first
  std::vector<CaseworkerAssignment> assignments{};  // every role's history, oldest first
  std::vector<Correction> corrections{};            // participant.changed, caseworker.unassigned
};

// Explicit groups plus those that follow from age on `on` (when the birth date is known),
// sorted and unique.
TRAJECT_EXPORT std::vector<TargetGroup> GroupsOn(const Participant& participant, Date on);

// Who held `role` for the participant at the end of `day`, from its assignments: "" when nobody.
// REQUIRES: `participant` has its assignments (as Store::GetParticipant returns it).
TRAJECT_EXPORT std::string CaseworkerOn(const Participant& participant, CaseworkerRole role,
                                        Date day);

// True when `bsn` has 9 digits and passes the elfproef.
TRAJECT_EXPORT bool IsValidBsn(std::string_view bsn);

}  // namespace traject

#endif  // TRAJECT_PARTICIPANT_H_
