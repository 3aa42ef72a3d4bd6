#include <fmt/format.h>

#include "commands.h"
#include "traject/caseload_report.h"

namespace traject::cli {
namespace {

std::string GroupsText(const std::vector<TargetGroup>& groups) {
  std::string text;
  for (TargetGroup g : groups) {
    if (!text.empty()) text += ';';
    text += ToString(g);
  }
  return text;
}

struct AddOptions {
  std::string ref, bsn, birth, area, cohort, registered;
  std::vector<std::string> groups;
};

Status RunAdd(Context& context, const AddOptions& o) {
  ParticipantRegistered command;
  command.ref = o.ref;
  if (!o.birth.empty()) {
    Result<Date> birth = DateOption(o.birth, Today(), "--birth");
    if (!birth.ok()) return birth.status();
    command.birth = *birth;
  }
  Result<Date> registered = DateOption(o.registered, Today(), "--registered");
  if (!registered.ok()) return registered.status();
  command.registered = *registered;
  command.area = o.area;
  command.cohort = o.cohort;
  for (const std::string& g : o.groups) {
    Result<TargetGroup> group = ParseTargetGroup(g);
    if (!group.ok()) return group.status().WithContext("--group");
    command.groups.push_back(*group);
  }
  command.bsn = o.bsn;  // checked and replaced by its keyed hash in the library
  return RecordAndReport(
      context, command,
      fmt::format("Participant {} registered on {}", o.ref, FormatDate(command.registered)));
}

struct ListOptions {
  std::string area;
  std::optional<std::string> klantmanager;
};

Status RunList(Context& context, const ListOptions& o) {
  Result<Store*> store = context.OpenStore();
  if (!store.ok()) return store.status();
  Result<std::vector<Participant>> all = (*store)->ListParticipants(o.area);
  if (!all.ok()) return all.status();
  Result<Date> as_of = context.AsOf();
  if (!as_of.ok()) return as_of.status();
  if (o.klantmanager) {
    Status known =
        RequireCaseworker(**store, CaseworkerRole::kKlantmanager, *o.klantmanager, *as_of);
    if (!known.ok()) return known.WithContext("--klantmanager");
  }
  // The caseworkers of the as-of date, not today's.
  Result<std::map<std::string, CaseworkersOnDate>> caseworkers = CaseworkersOn(**store, *as_of);
  if (!caseworkers.ok()) return caseworkers.status();
  Table table(
      {"ref", "registered", "birth", "area", "cohort", "groups", "klantmanager", "jobhunter"});
  for (const Participant& p : *all) {
    if (std::chrono::sys_days(p.registered) > std::chrono::sys_days(*as_of)) continue;
    const CaseworkersOnDate& then = (*caseworkers)[p.ref];
    if (o.klantmanager && then.klantmanager != *o.klantmanager) continue;
    table.AddRow({p.ref, FormatDate(p.registered), p.birth ? FormatDate(*p.birth) : std::string(),
                  p.area, p.cohort, GroupsText(GroupsOn(p, *as_of)), then.klantmanager,
                  then.jobhunter});
  }
  table.Print(context.out(), context.format());
  return Status::OK();
}

struct ShowOptions {
  std::string ref;
};
Status RunShow(Context& context, const ShowOptions& o);

struct FindOptions {
  std::string bsn;
};

// The participant with the BSN, shown as `participant show` shows them.
Status RunFind(Context& context, const FindOptions& o) {
  Result<Store*> store = context.OpenStore();
  if (!store.ok()) return store.status();
  Result<Participant> found = (*store)->FindParticipantByBsn(o.bsn);
  if (!found.ok()) return found.status().WithContext("--bsn");
  return RunShow(context, ShowOptions{found->ref});
}

Status RunShow(Context& context, const ShowOptions& o) {
  if (Status s = context.RefuseCsv("participant show"); !s.ok()) return s;
  Result<Store*> store = context.OpenStore();
  if (!store.ok()) return store.status();
  Result<Participant> p = (*store)->GetParticipant(o.ref);
  if (!p.ok()) return p.status();
  TrajectoryFilter filter;
  filter.participant_ref = o.ref;
  Result<std::vector<Trajectory>> trajectories = (*store)->ListTrajectories(filter);
  if (!trajectories.ok()) return trajectories.status();
  Result<Date> as_of = context.AsOf();
  if (!as_of.ok()) return as_of.status();
  if (std::chrono::sys_days(p->registered) > std::chrono::sys_days(*as_of)) {
    return Status::NotFound(
        fmt::format("participant {} was not registered yet on {} (registered {})", p->ref,
                    FormatDate(*as_of), FormatDate(p->registered)));
  }
  // The caseworkers as they were at the end of the as-of date.
  p->klantmanager = CaseworkerOn(*p, CaseworkerRole::kKlantmanager, *as_of);
  p->jobhunter = CaseworkerOn(*p, CaseworkerRole::kJobhunter, *as_of);
  Table contacts({"date", "kind"});
  for (const CohortContact& c : p->contacts) {
    if (std::chrono::sys_days(c.date) > std::chrono::sys_days(*as_of)) continue;
    contacts.AddRow({FormatDate(c.date), std::string(ToString(c.kind))});
  }
  Table assignments({"role", "name", "from", "until", "reason"});
  for (const CaseworkerAssignment& a : p->assignments) {
    if (std::chrono::sys_days(a.from) > std::chrono::sys_days(*as_of)) continue;
    assignments.AddRow({std::string(ToString(a.role)), a.name, FormatDate(a.from),
                        a.until ? FormatDate(*a.until) : std::string(), a.end_reason});
  }
  Table corrections({"date", "kind", "what", "reason", "by", "recorded"});
  for (const Correction& c : p->corrections) {
    corrections.AddRow({FormatDate(c.date), c.kind, c.what, c.reason, c.actor,
                        FormatDate(DateOfUnixMs(c.recorded_at_ms))});
  }
  Table tracks({"trajectory", "programme", "track", "state", "since"});
  for (const Trajectory& current : *trajectories) {
    Result<Trajectory> full = (*store)->GetTrajectory(current.id);
    if (!full.ok()) return full.status();
    std::optional<Trajectory> then = TrajectoryOn(*full, *as_of);
    if (!then) continue;
    const Trajectory& t = *then;
    tracks.AddRow({std::int64_t{t.id}, t.programme_id, t.track_id, std::string(ToString(t.state)),
                   FormatDate(t.state_since)});
  }
  if (context.format() == Format::kJson) {
    Json json;
    json.w().StartObject();
    json.Field("ref", p->ref);
    json.OptionalField("birth", p->birth ? std::optional(FormatDate(*p->birth)) : std::nullopt);
    json.Field("registered", FormatDate(p->registered));
    json.Field("area", p->area);
    json.Field("cohort", p->cohort);
    json.Key("groups");
    json.w().StartArray();
    for (TargetGroup g : GroupsOn(*p, *as_of)) json.String(std::string(ToString(g)));
    json.w().EndArray();
    json.Field("klantmanager", p->klantmanager);
    json.Field("jobhunter", p->jobhunter);
    json.Field("bsn_verified", p->bsn_verified);
    json.Key("contacts");
    contacts.WriteJson(json.w());
    json.Key("assignments");
    assignments.WriteJson(json.w());
    json.Key("corrections");
    corrections.WriteJson(json.w());
    json.Key("trajectories");
    tracks.WriteJson(json.w());
    json.w().EndObject();
    json.Print(context.out());
    return Status::OK();
  }
  std::ostream& out = context.out();
  out << "Participant   " << p->ref << "\n"
      << "Registered    " << FormatDate(p->registered) << "\n"
      << "Birth date    " << (p->birth ? FormatDate(*p->birth) : "-") << "\n"
      << "Area          " << (p->area.empty() ? "-" : p->area) << "\n"
      << "Cohort        " << (p->cohort.empty() ? "-" : p->cohort) << "\n"
      << "Target groups " << (GroupsOn(*p, *as_of).empty() ? "-" : GroupsText(GroupsOn(*p, *as_of)))
      << "\n"
      << "Klantmanager  " << (p->klantmanager.empty() ? "-" : p->klantmanager) << "\n"
      << "Jobhunter     " << (p->jobhunter.empty() ? "-" : p->jobhunter) << "\n"
      << "BSN verified  " << (p->bsn_verified ? "yes" : "no") << "\n";
  if (!contacts.empty()) {
    out << "\nCohort contacts\n";
    contacts.Print(out, Format::kTable);
  }
  if (!assignments.empty()) {
    out << "\nCaseworkers\n";
    assignments.Print(out, Format::kTable);
  }
  if (!tracks.empty()) {
    out << "\nTrajectories\n";
    tracks.Print(out, Format::kTable);
  }
  if (!corrections.empty()) {
    out << "\nChanges and corrections\n";
    corrections.Print(out, Format::kTable);
  }
  return Status::OK();
}

struct AssignOptions {
  std::string ref, role = "klantmanager", name, date;
};

Status RunAssign(Context& context, const AssignOptions& o) {
  Result<CaseworkerRole> role = ParseCaseworkerRole(o.role);
  if (!role.ok()) return role.status().WithContext("--role");
  Result<Date> date = DateOption(o.date, Today(), "--date");
  if (!date.ok()) return date.status();
  return RecordAndReport(context, CaseworkerAssigned{o.ref, *role, o.name, *date},
                         fmt::format("{} {} assigned to {}", o.role, o.name, o.ref));
}

struct ContactOptions {
  std::string ref, kind, date;
};

Status RunContact(Context& context, const ContactOptions& o) {
  Result<ContactKind> kind = ParseContactKind(o.kind);
  if (!kind.ok()) return kind.status().WithContext("--kind");
  Result<Date> date = DateOption(o.date, Today(), "--date");
  if (!date.ok()) return date.status();
  return RecordAndReport(
      context, ContactRecorded{o.ref, *kind, *date},
      fmt::format("Contact '{}' recorded for {} on {}", o.kind, o.ref, FormatDate(*date)));
}

struct ChangeOptions {
  std::string ref, date, reason;
  std::optional<std::string> area, cohort, birth;
  std::vector<std::string> groups;
  bool no_groups = false;
};

Status RunChange(Context& context, const ChangeOptions& o) {
  Result<Date> date = DateOption(o.date, Today(), "--date");
  if (!date.ok()) return date.status();
  ParticipantChanged command;
  command.ref = o.ref;
  command.date = *date;
  command.area = o.area;
  command.cohort = o.cohort;
  if (o.birth) {
    Result<Date> birth = ParseDate(*o.birth);
    if (!birth.ok()) return birth.status().WithContext("--birth");
    command.birth = *birth;
  }
  if (o.no_groups || !o.groups.empty()) {
    std::vector<TargetGroup> groups;
    for (const std::string& g : o.groups) {
      Result<TargetGroup> group = ParseTargetGroup(g);
      if (!group.ok()) return group.status().WithContext("--group");
      groups.push_back(*group);
    }
    command.groups = std::move(groups);
  }
  command.reason = o.reason;
  return RecordAndReport(context, command, fmt::format("Participant {} changed", o.ref));
}

struct UnassignOptions {
  std::string ref, role = "klantmanager", date, reason;
};

Status RunUnassign(Context& context, const UnassignOptions& o) {
  Result<CaseworkerRole> role = ParseCaseworkerRole(o.role);
  if (!role.ok()) return role.status().WithContext("--role");
  Result<Date> date = DateOption(o.date, Today(), "--date");
  if (!date.ok()) return date.status();
  return RecordAndReport(context, CaseworkerUnassigned{o.ref, *role, *date, o.reason},
                         fmt::format("The {} of {} stops on {}", o.role, o.ref, FormatDate(*date)));
}

}  // namespace

void AddParticipantCommands(CLI::App& app, Context& context) {
  CLI::App* group = app.add_subcommand(
      "participant", "Register, list, show and change participants; assign caseworkers");
  group->require_subcommand(1);

  auto add_options = std::make_shared<AddOptions>();
  CLI::App* add = group->add_subcommand("add", "Register a participant (aanmelding)");
  add->add_option("--ref", add_options->ref, "Pseudonymous reference, unique in the organisation")
      ->required();
  add->add_option("--bsn", add_options->bsn,
                  "BSN, checked with the elfproef and kept only as a keyed hash (needs "
                  "--bsn-key-file)");
  add->add_option("--birth", add_options->birth, "Birth date YYYY-MM-DD")->check(NonEmptyDate());
  add->add_option("--area", add_options->area, "Cohort area, e.g. \"Bijlmer Oost\"");
  add->add_option("--cohort", add_options->cohort, "Cohort label");
  add->add_option("--group", add_options->groups,
                  "Target group: statushouder, jongere, 50-plusser (repeatable)");
  add->add_option("--registered", add_options->registered, "Registration date (default today)")
      ->check(NonEmptyDate());
  add->footer(
      "Example:\n  traject participant add --ref P-1001 --birth 1990-04-12 --area \"Bijlmer Oost\" "
      "--group statushouder");
  OnRun(add, context, add_options, &RunAdd);

  auto list_options = std::make_shared<ListOptions>();
  CLI::App* list = group->add_subcommand("list", "List participants");
  list->add_option("--area", list_options->area, "Only this area");
  list->add_option("--klantmanager", list_options->klantmanager,
                   "Only the caseload of this klantmanager (on the --as-of date)");
  list->footer(
      "Examples:\n  traject participant list --area Osdorp --csv > osdorp.csv\n  traject "
      "participant list --klantmanager \"A. Bakker\"");
  OnRun(list, context, list_options, &RunList);

  auto show_options = std::make_shared<ShowOptions>();
  CLI::App* show =
      group->add_subcommand("show", "Show one participant with contacts and trajectories");
  show->add_option("ref", show_options->ref, "Participant reference")->required();
  show->footer("Example:\n  traject participant show P-1001");
  OnRun(show, context, show_options, &RunShow);

  auto find_options = std::make_shared<FindOptions>();
  CLI::App* find = group->add_subcommand(
      "find",
      "Find a participant by BSN and show them (needs the --bsn-key-file they were "
      "registered with)");
  find->add_option("--bsn", find_options->bsn, "BSN")->required();
  find->footer(
      "Example:\n  traject --bsn-key-file ~/.traject/bsn.key participant find --bsn 111222333");
  OnRun(find, context, find_options, &RunFind);

  AddParticipantRightsCommands(*group, context);

  auto assign_options = std::make_shared<AssignOptions>();
  CLI::App* assign = group->add_subcommand("assign", "Assign a klantmanager or jobhunter");
  assign->add_option("ref", assign_options->ref, "Participant reference")->required();
  assign->add_option("--role", assign_options->role, "klantmanager (default) or jobhunter");
  assign->add_option("--name", assign_options->name, "Caseworker's name")->required();
  assign->add_option("--date", assign_options->date, "Date (default today)")->check(NonEmptyDate());
  assign->footer(
      "Example:\n  traject participant assign P-1001 --role jobhunter --name \"S. Bakker\"");
  OnRun(assign, context, assign_options, &RunAssign);

  auto contact_options = std::make_shared<ContactOptions>();
  CLI::App* contact = group->add_subcommand("contact", "Record a cohort contact");
  contact->add_option("ref", contact_options->ref, "Participant reference")->required();
  contact
      ->add_option("--kind", contact_options->kind,
                   "invited, conversation, no-response or home-visit")
      ->required();
  contact->add_option("--date", contact_options->date, "Date (default today)")
      ->check(NonEmptyDate());
  contact->footer(
      "Example:\n  traject participant contact P-1001 --kind conversation --date 2024-03-05");
  OnRun(contact, context, contact_options, &RunContact);

  auto change_options = std::make_shared<ChangeOptions>();
  CLI::App* change = group->add_subcommand(
      "change", "Change or correct a participant's area, cohort, target groups or birth date");
  change->add_option("ref", change_options->ref, "Participant reference")->required();
  change->add_option("--area", change_options->area, "New area (\"\" for none)");
  change->add_option("--cohort", change_options->cohort, "New cohort label (\"\" for none)");
  auto* groups = change->add_option("--group", change_options->groups,
                                    "The complete new set of target groups (repeatable)");
  change->add_flag("--no-groups", change_options->no_groups, "Remove every target group")
      ->excludes(groups);
  change->add_option("--birth", change_options->birth, "The right birth date")
      ->check(NonEmptyDate());
  change->add_option("--reason", change_options->reason, "Why (required)")->required();
  change->add_option("--date", change_options->date, "Day of the change (default today)")
      ->check(NonEmptyDate());
  change->footer(
      "Example:\n  traject participant change P-1001 --area Osdorp --reason \"verhuisd\"");
  OnRun(change, context, change_options, &RunChange);

  auto unassign_options = std::make_shared<UnassignOptions>();
  CLI::App* unassign =
      group->add_subcommand("unassign", "End the current klantmanager's or jobhunter's assignment");
  unassign->add_option("ref", unassign_options->ref, "Participant reference")->required();
  unassign->add_option("--role", unassign_options->role, "klantmanager (default) or jobhunter");
  unassign->add_option("--reason", unassign_options->reason, "Why (required)")->required();
  unassign->add_option("--date", unassign_options->date, "Day the assignment stops (default today)")
      ->check(NonEmptyDate());
  unassign->footer(
      "--date is the day the assignment stops (from then on the participant has none).\n"
      "Example:\n  traject participant unassign P-1001 --reason \"caseload verdeeld\"");
  OnRun(unassign, context, unassign_options, &RunUnassign);
}

}  // namespace traject::cli
